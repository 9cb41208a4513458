CREATE TABLE IF NOT EXISTS tags (
    name       VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE IF NOT EXISTS document_tags (
    document_id VARCHAR(36) NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    tag         VARCHAR(64) NOT NULL REFERENCES tags (name) ON DELETE CASCADE,
    PRIMARY KEY (document_id, tag)
);

CREATE INDEX IF NOT EXISTS ix_document_tags_tag ON document_tags (tag);

INSERT INTO tags (name) VALUES ('draft'), ('important'), ('archived')
ON CONFLICT (name) DO NOTHING;
