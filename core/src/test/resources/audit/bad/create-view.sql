-- expect: create-view-without-drop 4:1
-- The drop of another view does not guard this one.
DROP VIEW IF EXISTS other_view;
CREATE VIEW note_titles AS SELECT title FROM notes;
