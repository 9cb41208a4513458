package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-trigger}: the exact findings it makes, and forms it must let through. */
class CreateTriggerTest {

	@Test
	void aCreateTriggerIsFlagged() {
		assertThat(up(Rule.CREATE_TRIGGER, "CREATE TRIGGER t_audit AFTER INSERT ON t BEGIN SELECT 1; END;")).containsExactly(
				"0001_x.sql:1:1 [create-trigger] CREATE TRIGGER is not portable: SQLite and PostgreSQL write trigger bodies differently. Fix: do the work in the application, or in the migration itself");
	}

	@Test
	void aTableNamedTriggerLogIsNotFlagged() {
		assertThat(up(Rule.CREATE_TRIGGER, "CREATE TABLE IF NOT EXISTS trigger_log (id INT);")).isEmpty();
	}
}
