-- expect: create-function-without-or-replace 3:1
-- expect: postgres-only-syntax 3:1
CREATE FUNCTION one() RETURNS INT LANGUAGE sql AS $$ SELECT 1 $$;
