-- expect: sqlite-only-syntax 2:13
CREATE VIEW IF NOT EXISTS note_titles AS SELECT title FROM notes;
