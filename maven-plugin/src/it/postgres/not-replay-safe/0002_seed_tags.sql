-- replaysafe:allow insert-without-conflict-guard the audit is told this runs once; the verifier proves it does not
INSERT INTO tags (name) VALUES ('red');
