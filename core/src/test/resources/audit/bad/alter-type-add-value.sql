-- expect: alter-type-add-value-without-if-not-exists 3:17
-- expect: postgres-only-syntax 3:1
ALTER TYPE mood ADD VALUE 'happy';
