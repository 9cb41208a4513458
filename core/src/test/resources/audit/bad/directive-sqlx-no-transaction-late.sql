-- expect: invalid-directive 3:1
-- sqlx, like replaysafe, reads its directive only at the very start of the file.
-- no-transaction
CREATE INDEX IF NOT EXISTS ix_a ON a (id);
