-- expect: invalid-directive 3:1
-- The engine reads this directive on the first line only.
-- replaysafe:no-transaction
CREATE INDEX IF NOT EXISTS ix_a ON a (id);
