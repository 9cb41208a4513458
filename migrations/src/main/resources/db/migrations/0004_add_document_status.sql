-- SQLite has no ADD COLUMN IF NOT EXISTS: replaysafe runs it there only when the column is absent.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS status VARCHAR(20) NOT NULL DEFAULT 'draft';

CREATE INDEX IF NOT EXISTS ix_documents_status ON documents (workspace_id, status);
