-- no-transaction
-- expect: invalid-directive 1:1
DROP INDEX IF EXISTS ix_a;
