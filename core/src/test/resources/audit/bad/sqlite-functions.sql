-- expect: sqlite-only-function 6:62
-- expect: sqlite-only-function 7:39
-- expect: sqlite-only-function 8:26
-- expect: sqlite-only-function 8:42
-- expect: sqlite-only-function 8:68
CREATE TABLE IF NOT EXISTS events (at TEXT NOT NULL DEFAULT (datetime('now')));
UPDATE events SET at = 'x' WHERE at < date('now', '-1 day');
DELETE FROM events WHERE julianday(at) < strftime('%J', 'now') AND unixepoch(at) > 0;
