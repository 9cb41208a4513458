-- expect: insert-without-conflict-guard 3:1
-- 'ON CONFLICT DO NOTHING' in a string, and in a comment, guards nothing: ON CONFLICT DO NOTHING
INSERT INTO tags (name, note) VALUES ('draft', 'ON CONFLICT DO NOTHING');
