-- expect: insert-select-upsert-ambiguity 8:51
-- expect: insert-select-upsert-ambiguity 9:69
-- expect: insert-select-upsert-ambiguity 10:98
-- expect: insert-select-upsert-ambiguity 11:80
-- expect: insert-select-upsert-ambiguity 12:93
-- expect: insert-select-upsert-ambiguity 13:83
-- SQLite reads an ON right after the FROM list as a join's ON: each of these fails there, near "DO".
INSERT INTO tags (name) SELECT name FROM old_tags ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT o.name FROM old_tags o, other_tags p ON CONFLICT (name) DO UPDATE SET name = excluded.name;
INSERT INTO tags (name) SELECT name FROM (SELECT name FROM old_tags WHERE name IS NOT NULL) AS q ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT name FROM a WHERE true UNION SELECT name FROM b ON CONFLICT DO NOTHING;
WITH c AS (SELECT name FROM old_tags WHERE true) INSERT INTO tags (name) SELECT name FROM c ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT a.name FROM a JOIN b ON a.id = b.id NATURAL JOIN c ON CONFLICT DO NOTHING;
-- Ended first by WHERE, GROUP BY, a join's ON or USING, ORDER BY/LIMIT, no FROM or VALUES: no finding.
INSERT INTO tags (name) SELECT name FROM old_tags WHERE true ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT name FROM old_tags GROUP BY name ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT a.name FROM a JOIN b ON a.id = b.id ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT a.name FROM a JOIN b USING (id) ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT 'x' ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT name FROM a UNION SELECT 'x' ON CONFLICT DO NOTHING;
INSERT INTO tags (name) SELECT name FROM a ORDER BY name LIMIT 3 ON CONFLICT DO NOTHING;
INSERT INTO tags (name) VALUES ('x') ON CONFLICT DO NOTHING;
