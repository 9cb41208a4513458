ALTER TABLE documents DROP COLUMN IF EXISTS legacy_ref;
