-- expect: bind-placeholder 4:39
-- expect: bind-placeholder 4:42
-- expect: bind-placeholder 5:46
INSERT INTO tags (name, note) VALUES (?, $1) ON CONFLICT DO NOTHING;
DELETE FROM tags WHERE name = 'x' AND note = :note;
