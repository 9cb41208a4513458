DROP INDEX IF EXISTS ix_memberships_user;
DROP TABLE IF EXISTS memberships;
