-- a comment; with a semicolon
CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY, note VARCHAR(50) NOT NULL DEFAULT 'x;y');
/* block; /* nested; */ still; */
INSERT INTO a (id, note) VALUES (1, 'it''s; fine') ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS "b;c" (id INT PRIMARY KEY);
