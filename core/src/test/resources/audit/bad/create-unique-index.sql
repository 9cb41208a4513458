-- expect: create-without-if-not-exists 2:3
  CREATE UNIQUE INDEX ux_notes_title ON notes (title);
