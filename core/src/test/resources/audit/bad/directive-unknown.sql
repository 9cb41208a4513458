-- expect: invalid-directive 3:1
-- A misspelt waiver is no waiver.
-- replaysafe:alow create-without-if-not-exists made by hand
CREATE TABLE IF NOT EXISTS a (id INT);
