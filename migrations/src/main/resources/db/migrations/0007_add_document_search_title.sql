-- An idempotent backfill: only rows not yet filled are touched, so a second run changes nothing.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS search_title VARCHAR(200);

UPDATE documents SET search_title = LOWER(title) WHERE search_title IS NULL;

CREATE INDEX IF NOT EXISTS ix_documents_search_title ON documents (search_title);
