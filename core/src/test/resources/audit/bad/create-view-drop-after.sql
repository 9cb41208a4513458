-- expect: create-view-without-drop 3:1
-- A drop after the create does not guard it.
CREATE VIEW note_titles AS SELECT title FROM notes;
DROP VIEW IF EXISTS note_titles;
