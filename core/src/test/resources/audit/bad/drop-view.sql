-- expect: drop-without-if-exists 2:1
DROP VIEW note_titles;
