-- expect: create-without-if-not-exists 2:1
CREATE INDEX ON notes (title);
