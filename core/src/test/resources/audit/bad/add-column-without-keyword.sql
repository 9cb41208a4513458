-- expect: add-column-without-if-not-exists 2:25
ALTER TABLE main.notes  ADD archived BOOLEAN NOT NULL DEFAULT FALSE;
