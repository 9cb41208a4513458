DROP INDEX IF EXISTS ix_documents_workspace;
DROP TABLE IF EXISTS documents;
