-- expect: create-policy-without-guard 3:1
-- expect: postgres-only-syntax 3:1
CREATE POLICY own ON notes USING (true);
