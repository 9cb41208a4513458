CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);
SELECT $body$ not closed; $bod$;
