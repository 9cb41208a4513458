-- expect: rename 3:19
-- expect: alter-table-not-portable 3:19
ALTER TABLE notes RENAME CONSTRAINT ck TO ck_notes;
