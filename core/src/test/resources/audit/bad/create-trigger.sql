-- expect: create-trigger 2:1
CREATE TRIGGER notes_touch AFTER UPDATE ON notes
BEGIN
    UPDATE notes SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
-- expect: create-trigger-without-guard 2:1
