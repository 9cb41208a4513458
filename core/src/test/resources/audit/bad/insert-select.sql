-- expect: insert-without-conflict-guard 2:1
INSERT INTO tags (name) SELECT name FROM old_tags WHERE name IS NOT NULL;
