-- the database rejects the second line
CREATE TABLEX a (id INT);
