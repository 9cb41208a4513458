DROP INDEX IF EXISTS ix_documents_search_title;
ALTER TABLE documents DROP COLUMN IF EXISTS search_title;
