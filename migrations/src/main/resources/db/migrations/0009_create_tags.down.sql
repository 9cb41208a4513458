DROP INDEX IF EXISTS ix_document_tags_tag;
DROP TABLE IF EXISTS document_tags;
DROP TABLE IF EXISTS tags;
