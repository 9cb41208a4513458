-- expect: create-extension-without-if-not-exists 3:1
-- expect: postgres-only-syntax 3:1
CREATE EXTENSION pgcrypto;
