package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code add-column-without-if-not-exists}: the exact findings it makes, and forms it must let through. */
class AddColumnWithoutIfNotExistsTest {

	@Test
	void anAddColumnWithoutIfNotExistsIsFlaggedWithOrWithoutTheColumnKeyword() {
		assertThat(up(Rule.ADD_COLUMN_WITHOUT_IF_NOT_EXISTS, "ALTER TABLE notes ADD COLUMN title VARCHAR(9);\nALTER TABLE notes ADD body TEXT;")).containsExactly(
				"0001_x.sql:1:19 [add-column-without-if-not-exists] ADD COLUMN title without IF NOT EXISTS fails when the file runs again. Fix: ADD COLUMN IF NOT EXISTS title ... (replaysafe emulates it on SQLite)",
				"0001_x.sql:2:19 [add-column-without-if-not-exists] ADD COLUMN body without IF NOT EXISTS fails when the file runs again. Fix: ADD COLUMN IF NOT EXISTS body ... (replaysafe emulates it on SQLite)");
	}

	@Test
	void aGuardedAddColumnAndAnAddedConstraintAreNotThisRule() {
		assertThat(up(Rule.ADD_COLUMN_WITHOUT_IF_NOT_EXISTS, "ALTER TABLE notes ADD COLUMN IF NOT EXISTS title VARCHAR(9);\nALTER TABLE notes ADD CONSTRAINT ck CHECK (id > 0);")).isEmpty();
	}
}
