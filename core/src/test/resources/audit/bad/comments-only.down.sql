-- expect: empty-down 1:1
-- Nothing to undo here.
/* DROP TABLE IF EXISTS notes; */
