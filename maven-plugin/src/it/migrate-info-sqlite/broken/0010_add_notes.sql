-- a statement the database rejects, on line 3
CREATE TABLE IF NOT EXISTS notes (id VARCHAR(36) PRIMARY KEY);
INSERT INTO notes (id, missing_column) VALUES ('n1', 1) ON CONFLICT DO NOTHING;
