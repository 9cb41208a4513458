-- expect: rename 2:19
ALTER TABLE notes RENAME COLUMN title TO heading;
