-- expect: sqlite-only-syntax 7:54
-- expect: sqlite-only-syntax 8:3
-- expect: sqlite-only-syntax 9:1
-- expect: sqlite-only-syntax 10:1
-- expect: sqlite-only-syntax 11:1
-- expect: sqlite-only-syntax 12:1
CREATE TABLE IF NOT EXISTS c (id INTEGER PRIMARY KEY AUTOINCREMENT, k TEXT
) WITHOUT ROWID;
INSERT OR IGNORE INTO c (k) VALUES ('a');
INSERT OR REPLACE INTO c (k) VALUES ('b');
REPLACE INTO c (k) VALUES ('c');
PRAGMA foreign_keys = ON;
