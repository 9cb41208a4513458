-- expect: add-column-without-if-not-exists 3:25
-- expect: schema-qualified-name 3:13
ALTER TABLE main.notes  ADD archived BOOLEAN NOT NULL DEFAULT FALSE;
