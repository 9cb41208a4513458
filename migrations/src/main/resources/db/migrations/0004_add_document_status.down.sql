DROP INDEX IF EXISTS ix_documents_status;
ALTER TABLE documents DROP COLUMN IF EXISTS status;
