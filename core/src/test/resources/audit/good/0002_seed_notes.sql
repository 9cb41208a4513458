INSERT INTO notes (id, title) VALUES ('n1', 'First') ON CONFLICT (id) DO NOTHING;
INSERT INTO notes (id, title) VALUES ('n2', 'Second')
ON CONFLICT (id) DO UPDATE SET title = excluded.title;
INSERT INTO notes (id, title)
SELECT 'n3', 'Third' WHERE NOT EXISTS (SELECT 1 FROM notes WHERE id = 'n3');

-- Idempotent backfills: only rows not yet filled are touched.
UPDATE notes SET serial = 'S-' || id WHERE serial IS NULL;
WITH firsts AS (SELECT id FROM notes WHERE title LIKE 'F%')
UPDATE notes SET datetime = '2026-01-01T00:00:00Z' WHERE id IN (SELECT id FROM firsts) AND datetime IS NULL;
