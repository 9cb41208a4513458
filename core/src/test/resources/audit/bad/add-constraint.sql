-- expect: add-constraint-without-guard 6:19
-- expect: alter-table-not-portable 6:19
-- expect: alter-table-not-portable 7:1
-- expect: alter-table-not-portable 7:19
-- expect: alter-table-not-portable 7:49
ALTER TABLE notes ADD PRIMARY KEY (id);
ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck, ADD CONSTRAINT ck CHECK (id > 0);
