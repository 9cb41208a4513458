/* outer /* inner */ still open
CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);
