-- expect: create-without-if-not-exists 3:1
CREATE TABLE IF NOT EXISTS notes (id VARCHAR(36) PRIMARY KEY, title VARCHAR(20));
CREATE INDEX ix_notes_title ON notes (title);
