-- expect: unused-waiver 3:1
-- expect: create-without-if-not-exists 5:1
-- replaysafe:allow create-without-if-not-exists a waiver covers one statement only
CREATE TABLE IF NOT EXISTS a (id INT);
CREATE TABLE b (id INT);
