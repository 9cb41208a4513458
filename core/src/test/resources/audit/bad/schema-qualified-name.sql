-- expect: schema-qualified-name 14:28
-- expect: schema-qualified-name 15:28
-- expect: schema-qualified-name 16:35
-- expect: schema-qualified-name 17:13
-- expect: schema-qualified-name 18:8
-- expect: schema-qualified-name 19:13
-- expect: schema-qualified-name 20:13
-- expect: schema-qualified-name 21:25
-- expect: schema-qualified-name 22:21
-- expect: schema-qualified-name 23:49
-- expect: schema-qualified-name 24:22
-- expect: schema-qualified-name 24:75
-- expect: schema-qualified-name 24:90
CREATE TABLE IF NOT EXISTS main.notes (id INT);
CREATE INDEX IF NOT EXISTS temp.ix ON notes (id);
CREATE INDEX IF NOT EXISTS ix2 ON public.notes (id);
INSERT INTO main.notes (id) VALUES (1) ON CONFLICT DO NOTHING;
UPDATE "main"."notes" SET id = 2 WHERE id = 1;
DELETE FROM main.notes WHERE id = 2;
ALTER TABLE main.notes ADD COLUMN IF NOT EXISTS x INT;
DROP TABLE IF EXISTS a, main.b;
DROP VIEW IF EXISTS temp.v;
CREATE TABLE IF NOT EXISTS r (id INT REFERENCES public.notes (id));
UPDATE notes SET x = main.notes.id WHERE id IN (SELECT n.id FROM notes n, pg_temp.m JOIN main.y ON n.id = y.id);
-- Table-qualified columns (t.c in WHERE, in a join's ON, in EXTRACT(YEAR FROM t.c)) name no schema: no finding.
INSERT INTO notes (id) SELECT n.id FROM notes n JOIN tags t ON n.id = t.id WHERE t.id IS DISTINCT FROM n.id ON CONFLICT DO NOTHING;
DELETE FROM notes WHERE notes.id IN (SELECT t.id FROM tags t WHERE t.id > 0 AND EXTRACT(YEAR FROM t.created) > 0);
CREATE INDEX IF NOT EXISTS ix3 ON notes (x) WHERE notes.x > 0;
