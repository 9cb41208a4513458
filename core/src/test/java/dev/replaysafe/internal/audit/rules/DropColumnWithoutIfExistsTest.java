package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.down;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code drop-column-without-if-exists}: the exact findings it makes, and forms it must let through. */
class DropColumnWithoutIfExistsTest {

	@Test
	void aDropColumnWithoutIfExistsIsFlagged() {
		assertThat(down(Rule.DROP_COLUMN_WITHOUT_IF_EXISTS, "ALTER TABLE notes DROP COLUMN title;")).containsExactly(
				"0001_x.down.sql:1:19 [drop-column-without-if-exists] DROP COLUMN title without IF EXISTS fails when the file runs again. Fix: DROP COLUMN IF EXISTS title (replaysafe emulates it on SQLite)");
	}

	@Test
	void aGuardedDropColumnAndADroppedConstraintAreNotThisRule() {
		assertThat(down(Rule.DROP_COLUMN_WITHOUT_IF_EXISTS, "ALTER TABLE notes DROP COLUMN IF EXISTS title;\nALTER TABLE notes DROP CONSTRAINT ck;")).isEmpty();
	}
}
