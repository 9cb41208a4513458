-- expect: drop-column-without-if-exists 2:19
ALTER TABLE notes DROP COLUMN archived_at;
