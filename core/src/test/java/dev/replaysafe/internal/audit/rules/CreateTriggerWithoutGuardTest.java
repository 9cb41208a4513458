package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-trigger-without-guard}: the exact findings it makes, and forms it must let through. */
class CreateTriggerWithoutGuardTest {

	@Test
	void aTriggerWithoutAnEarlierDropIsFlaggedWithEachDatabasesGuard() {
		assertThat(up(Rule.CREATE_TRIGGER_WITHOUT_GUARD, "CREATE TRIGGER notes_touch AFTER UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();\nDROP TRIGGER IF EXISTS notes_touch ON notes;")).containsExactly(
				"0001_x.sql:1:1 [create-trigger-without-guard] CREATE TRIGGER notes_touch fails when the file runs again: no DROP TRIGGER IF EXISTS notes_touch comes before it in the file. Fix: DROP TRIGGER IF EXISTS notes_touch ON notes; before it (on SQLite: DROP TRIGGER IF EXISTS notes_touch;, or CREATE TRIGGER IF NOT EXISTS; on PostgreSQL 14 and later: CREATE OR REPLACE TRIGGER)");
	}

	@Test
	void anEarlierDropOrReplaceOrIfNotExistsGuardsIt() {
		assertThat(up(Rule.CREATE_TRIGGER_WITHOUT_GUARD, "DROP TRIGGER IF EXISTS a ON notes;\nCREATE TRIGGER a AFTER UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();\nCREATE OR REPLACE TRIGGER b AFTER UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch();\nCREATE TRIGGER IF NOT EXISTS c AFTER UPDATE ON notes BEGIN SELECT 1; END;")).isEmpty();
	}
}
