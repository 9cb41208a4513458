package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code update-without-where}: the exact findings it makes, and forms it must let through. */
class UpdateWithoutWhereTest {

	@Test
	void anUpdateWhoseOnlyWhereIsInASubqueryIsFlagged() {
		assertThat(up(Rule.UPDATE_WITHOUT_WHERE, "UPDATE notes SET n = (SELECT max(n) FROM other WHERE other.id = 1);")).containsExactly(
				"0001_x.sql:1:1 [update-without-where] UPDATE without WHERE changes every row on every run; review that running it again is harmless. Fix: make it idempotent and bounded: UPDATE t SET c = ... WHERE c IS NULL (warning: review only)");
	}

	@Test
	void anUpdateWithAWhereIsNotFlagged() {
		assertThat(up(Rule.UPDATE_WITHOUT_WHERE, "UPDATE notes SET n = 1 WHERE n IS NULL;")).isEmpty();
	}
}
