package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.down;
import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code empty-down}: the exact findings it makes, and forms it must let through. */
class EmptyDownTest {

	@Test
	void aDownWithOnlyCommentsIsFlaggedAtItsStart() {
		assertThat(down(Rule.EMPTY_DOWN, "-- nothing to undo\n")).containsExactly(
				"0001_x.down.sql:1:1 [empty-down] the down has no executable statement (empty, or comments only), so a rollback would only delete the history row and leave the schema as the up made it. Fix: write the statements that undo the up (DROP ... IF EXISTS), or waive it in the down with -- replaysafe:allow empty-down <why it cannot be undone>");
	}

	@Test
	void anUpWithOnlyCommentsAndADownWithAStatementAreNotFlagged() {
		assertThat(up(Rule.EMPTY_DOWN, "-- nothing yet\n")).isEmpty();
	}
}
