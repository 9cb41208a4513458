-- expect: rename 2:28
ALTER INDEX ix_notes_title RENAME TO ix_notes_heading;
