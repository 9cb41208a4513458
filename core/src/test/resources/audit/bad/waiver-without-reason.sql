-- expect: invalid-waiver 4:1
-- expect: create-without-if-not-exists 5:1
-- A waiver without a reason waives nothing.
-- replaysafe:allow create-without-if-not-exists
CREATE TABLE notes (id INT);
