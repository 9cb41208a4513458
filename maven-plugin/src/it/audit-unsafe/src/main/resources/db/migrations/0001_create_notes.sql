-- the notes of a workspace
CREATE TABLE notes (id VARCHAR(36) PRIMARY KEY, body TEXT);
