package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.down;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code delete-without-where}: the exact findings it makes, and forms it must let through. */
class DeleteWithoutWhereTest {

	@Test
	void aDeleteWithoutWhereIsFlagged() {
		assertThat(down(Rule.DELETE_WITHOUT_WHERE, "DELETE FROM notes;")).containsExactly(
				"0001_x.down.sql:1:1 [delete-without-where] DELETE without WHERE empties the table; review that this is meant. Fix: delete only the rows meant: DELETE FROM t WHERE ... (warning: review only)");
	}

	@Test
	void aDeleteWithAWhereIsNotFlagged() {
		assertThat(down(Rule.DELETE_WITHOUT_WHERE, "DELETE FROM notes WHERE id = 1;")).isEmpty();
	}
}
