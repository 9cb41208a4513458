-- expect: unused-waiver 3:1
-- expect: create-without-if-not-exists 4:1
-- replaysafe:allow drop-without-if-exists it names another rule than the finding's
CREATE TABLE notes (id INT);
