-- Workspaces group documents. Ids are UUIDs the application generates (portable: no
-- AUTOINCREMENT or SERIAL). Timestamps are TIMESTAMP defaulting to CURRENT_TIMESTAMP (UTC).
CREATE TABLE IF NOT EXISTS workspaces (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    slug       VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_workspaces_slug ON workspaces (slug);
