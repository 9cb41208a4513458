-- expect: postgres-only-syntax 11:1
-- expect: postgres-only-syntax 12:34
-- expect: postgres-only-syntax 12:47
-- expect: postgres-only-syntax 12:57
-- expect: postgres-only-syntax 12:85
-- expect: postgres-only-syntax 13:41
-- expect: postgres-only-syntax 13:48
-- expect: postgres-only-syntax 15:1
-- expect: postgres-only-syntax 16:14
-- A column named serial is no SERIAL type.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TABLE IF NOT EXISTS p (id BIGSERIAL, n SERIAL, d JSONB, at TIMESTAMP DEFAULT now(), serial TEXT);
UPDATE p SET d = '{}' WHERE id > 0 AND d::text ILIKE '%x%';
CREATE INDEX IF NOT EXISTS ix_p_n ON p (n);
DO $$ BEGIN PERFORM 1; END $$;
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_p_d ON p (d);
