CREATE TABLE IF NOT EXISTS memberships (
    workspace_id VARCHAR(36) NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      VARCHAR(36) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role         VARCHAR(20) NOT NULL DEFAULT 'member',
    joined_at    TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (workspace_id, user_id)
);

CREATE INDEX IF NOT EXISTS ix_memberships_user ON memberships (user_id);
