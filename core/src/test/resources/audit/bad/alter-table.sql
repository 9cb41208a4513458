-- expect: alter-table-not-portable 5:19
-- expect: alter-table-not-portable 6:19
-- expect: alter-table-not-portable 7:1
-- expect: alter-table-not-portable 8:1
ALTER TABLE notes ALTER COLUMN title TYPE VARCHAR(400);
ALTER TABLE notes ADD CONSTRAINT ck_title CHECK (length(title) > 0);
ALTER TABLE notes ADD COLUMN IF NOT EXISTS a INT, ADD COLUMN IF NOT EXISTS b NUMERIC(10, 2);
ALTER TABLE notes DROP COLUMN IF EXISTS a, DROP COLUMN IF EXISTS b;
-- expect: add-constraint-without-guard 6:19
