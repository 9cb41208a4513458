-- expect: sqlite-only-function 5:18
-- expect: sqlite-only-function 5:36
-- expect: postgres-only-syntax 6:18
-- expect: postgres-only-syntax 6:43
UPDATE t SET a = ifnull(a, 0), b = instr(b, 'x') WHERE c IS NULL;
UPDATE t SET a = to_char(d, 'YYYY'), id = gen_random_uuid() WHERE a IS NULL;
