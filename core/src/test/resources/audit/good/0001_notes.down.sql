DROP VIEW IF EXISTS note_titles;
DROP INDEX IF EXISTS ix_notes_date;
DROP INDEX IF EXISTS ux_notes_title;
DROP TABLE IF EXISTS notes;
