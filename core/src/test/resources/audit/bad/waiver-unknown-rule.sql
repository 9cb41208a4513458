-- expect: invalid-waiver 3:1
-- expect: create-without-if-not-exists 4:1
-- replaysafe:allow create-without-if-not-exist the id is misspelt
CREATE TABLE notes (id INT);
