-- replaysafe:no-transaction
CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);
DROP TABLE IF EXISTS "_sqlx_migrations";
