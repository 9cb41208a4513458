package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code alter-type-add-value-without-if-not-exists}: the exact findings it makes, and forms it must let through. */
class AlterTypeAddValueWithoutIfNotExistsTest {

	@Test
	void anEnumValueAddedWithoutIfNotExistsIsFlagged() {
		assertThat(up(Rule.ALTER_TYPE_ADD_VALUE_WITHOUT_IF_NOT_EXISTS, "ALTER TYPE mood ADD VALUE 'happy' BEFORE 'sad';")).containsExactly(
				"0001_x.sql:1:17 [alter-type-add-value-without-if-not-exists] ALTER TYPE ... ADD VALUE 'happy' without IF NOT EXISTS fails when the file runs again. Fix: ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy'");
	}

	@Test
	void aGuardedAddValueAndARenameValueAreNotThisRule() {
		assertThat(up(Rule.ALTER_TYPE_ADD_VALUE_WITHOUT_IF_NOT_EXISTS, "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy';\nALTER TYPE mood RENAME VALUE 'sad' TO 'blue';")).isEmpty();
	}
}
