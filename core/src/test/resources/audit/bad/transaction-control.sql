-- Statements that end or change the migration's transaction; the engine also refuses them in every audit mode.
-- expect: transaction-control 4:1
-- expect: transaction-control 6:1
BEGIN;
CREATE TABLE IF NOT EXISTS a (id INT);
COMMIT;
-- Inside the transaction, and so fine: savepoints, and ROLLBACK TO one.
SAVEPOINT s;
ROLLBACK TO SAVEPOINT s;
ROLLBACK TRANSACTION TO s;
RELEASE s;
-- expect: transaction-control 14:1
-- expect: transaction-control 15:1
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
ROLLBACK;
-- Keywords in strings, comments and dollar quotes are not statements: COMMIT;
-- expect: postgres-only-syntax 18:1
DO $$ BEGIN PERFORM 1; COMMIT; END $$;
