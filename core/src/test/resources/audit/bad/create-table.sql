-- expect: create-without-if-not-exists 3:1
-- A table created without a guard fails on the second run.
CREATE TABLE notes (id VARCHAR(36) PRIMARY KEY);
