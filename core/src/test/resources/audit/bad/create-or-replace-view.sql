-- expect: postgres-only-syntax 2:8
CREATE OR REPLACE VIEW note_titles AS SELECT title FROM notes;
