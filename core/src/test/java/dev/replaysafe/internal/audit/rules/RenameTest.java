package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code rename}: the exact findings it makes, and forms it must let through. */
class RenameTest {

	@Test
	void renamingATableAColumnOrAnIndexIsFlaggedWithTheExpandContractFix() {
		assertThat(up(Rule.RENAME, "ALTER TABLE notes RENAME TO memos;\nALTER TABLE notes RENAME COLUMN title TO heading;\nALTER INDEX ix RENAME TO ix2;")).containsExactly(
				"0001_x.sql:1:19 [rename] RENAME TO renames the table and fails when the file runs again, on both databases. Fix: keep the table's name (a replay of the file that created notes creates it again, whatever later files do) and give it the new one as a view: DROP VIEW IF EXISTS memos; CREATE VIEW memos AS SELECT ... FROM notes",
				"0001_x.sql:2:19 [rename] RENAME COLUMN renames title and fails when the file runs again, on both databases. Fix: rebuild the table: CREATE TABLE IF NOT EXISTS notes_new (its columns in their order, heading in place of title); INSERT INTO notes_new SELECT * FROM notes WHERE true ON CONFLICT DO NOTHING; DROP TABLE IF EXISTS notes; ALTER TABLE notes_new RENAME TO notes with -- replaysafe:allow rename <reason> (a backfill UPDATE from title cannot run again once a later migration drops it)",
				"0001_x.sql:3:16 [rename] ALTER INDEX ... RENAME fails when the file runs again. Fix: create the new object and drop the old one, each guarded");
	}

	@Test
	void renamingAConstraintIsFlaggedWithADropAndAddFix() {
		assertThat(up(Rule.RENAME, "ALTER TABLE notes RENAME CONSTRAINT ck TO ck_notes;")).containsExactly(
				"0001_x.sql:1:19 [rename] RENAME CONSTRAINT renames ck and fails when the file runs again. Fix: ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck; ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_notes; ALTER TABLE notes ADD CONSTRAINT ck_notes ...");
	}

	@Test
	void renameInsideAStringIsNotFlagged() {
		assertThat(up(Rule.RENAME, "UPDATE notes SET body = 'ALTER TABLE notes RENAME TO memos' WHERE id = 1;")).isEmpty();
	}
}
