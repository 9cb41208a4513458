package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.down;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code drop-without-if-exists}: the exact findings it makes, and forms it must let through. */
class DropWithoutIfExistsTest {

	@Test
	void aDropWithoutIfExistsIsFlaggedWithItsGuardedForm() {
		assertThat(down(Rule.DROP_WITHOUT_IF_EXISTS, "DROP TABLE notes;\nDROP MATERIALIZED VIEW mv;")).containsExactly(
				"0001_x.down.sql:1:1 [drop-without-if-exists] DROP TABLE without IF EXISTS fails when the file runs again (or a down that failed half way is run again). Fix: DROP TABLE IF EXISTS notes",
				"0001_x.down.sql:2:1 [drop-without-if-exists] DROP MATERIALIZED VIEW without IF EXISTS fails when the file runs again (or a down that failed half way is run again). Fix: DROP MATERIALIZED VIEW IF EXISTS VIEW");
	}

	@Test
	void guardedDropsAreNotFlagged() {
		assertThat(down(Rule.DROP_WITHOUT_IF_EXISTS, "DROP TABLE IF EXISTS notes;\nDROP INDEX CONCURRENTLY IF EXISTS ix;")).isEmpty();
	}
}
