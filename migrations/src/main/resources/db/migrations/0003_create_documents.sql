-- legacy_ref held the id of the document in the old system; 0008 drops it.
CREATE TABLE IF NOT EXISTS documents (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    workspace_id VARCHAR(36)  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    title        VARCHAR(200) NOT NULL,
    body         TEXT         NOT NULL DEFAULT '',
    legacy_ref   VARCHAR(64),
    created_at   TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at   TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX IF NOT EXISTS ix_documents_workspace ON documents (workspace_id);
