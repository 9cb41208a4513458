-- expect: drop-without-if-exists 3:1
DROP TABLE IF EXISTS notes;
DROP INDEX
  ix_notes_title;
