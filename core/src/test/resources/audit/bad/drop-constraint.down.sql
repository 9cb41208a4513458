-- expect: drop-constraint-without-if-exists 3:19
-- expect: alter-table-not-portable 3:19
ALTER TABLE notes DROP CONSTRAINT ck_title;
