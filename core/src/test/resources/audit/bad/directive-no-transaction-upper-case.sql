-- REPLAYSAFE:NO-TRANSACTION
-- expect: invalid-directive 1:1
CREATE INDEX IF NOT EXISTS ix_a ON a (id);
