package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.down;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code drop-constraint-without-if-exists}: the exact findings it makes, and forms it must let through. */
class DropConstraintWithoutIfExistsTest {

	@Test
	void aDropConstraintWithoutIfExistsIsFlagged() {
		assertThat(down(Rule.DROP_CONSTRAINT_WITHOUT_IF_EXISTS, "ALTER TABLE notes DROP CONSTRAINT ck_id;")).containsExactly(
				"0001_x.down.sql:1:19 [drop-constraint-without-if-exists] DROP CONSTRAINT ck_id without IF EXISTS fails when the file runs again. Fix: ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_id");
	}

	@Test
	void aGuardedDropConstraintAndADropColumnAreNotFlagged() {
		assertThat(down(Rule.DROP_CONSTRAINT_WITHOUT_IF_EXISTS, "ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_id;\nALTER TABLE notes DROP COLUMN IF EXISTS ck_id;")).isEmpty();
	}
}
