-- Seed rows are replay-safe: a second run inserts nothing.
INSERT INTO workspaces (id, slug, name)
VALUES ('00000000-0000-0000-0000-000000000001', 'default', 'Default workspace')
ON CONFLICT (id) DO NOTHING;
