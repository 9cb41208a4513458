DROP INDEX IF EXISTS ux_workspaces_slug;
DROP TABLE IF EXISTS workspaces;
