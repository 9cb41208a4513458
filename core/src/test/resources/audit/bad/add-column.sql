-- expect: add-column-without-if-not-exists 2:19
ALTER TABLE notes ADD COLUMN archived_at TIMESTAMP;
