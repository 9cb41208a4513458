-- expect: drop-without-if-exists 2:1
DROP TABLE notes;
