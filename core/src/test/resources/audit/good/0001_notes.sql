-- Keywords in comments and strings are not statements: DROP TABLE notes; INSERT INTO x VALUES (1);
/* Columns named like types or SQLite functions (date, time, serial, datetime) are not calls. */
CREATE TABLE IF NOT EXISTS notes (
    id         VARCHAR(36)  NOT NULL PRIMARY KEY,
    title      VARCHAR(200) NOT NULL DEFAULT 'CREATE TABLE x; datetime(''now'') ? :name',
    date       DATE,
    time       TIME(3),
    serial     VARCHAR(20),
    datetime   VARCHAR(30),
    price      NUMERIC(10, 2),
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_notes_title ON notes (title);
CREATE INDEX IF NOT EXISTS ix_notes_date ON notes (date, time);

-- A view has no IF NOT EXISTS on PostgreSQL: dropping it first makes the pair replay-safe.
DROP VIEW IF EXISTS note_titles;
CREATE VIEW note_titles AS SELECT id, title, CAST(created_at AS DATE) AS day FROM notes;
