package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code transaction-control}: the exact findings it makes, and forms it must let through. */
class TransactionControlTest {

	@Test
	void beginAndCommitAreFlagged() {
		assertThat(up(Rule.TRANSACTION_CONTROL, "BEGIN;\nCREATE TABLE IF NOT EXISTS t (id INT);\nCOMMIT;")).containsExactly(
				"0001_x.sql:1:1 [transaction-control] BEGIN starts a transaction inside the one replaysafe runs this migration in: the migration would no longer be all or nothing (what ran before it stays when a later statement fails, or the history says applied for work that was undone). Fix: remove it; split the file into separate migrations (each runs in its own transaction), or put statements that must run outside a transaction in a file of their own starting with -- replaysafe:no-transaction",
				"0001_x.sql:3:1 [transaction-control] COMMIT commits the transaction replaysafe runs this migration in: the migration would no longer be all or nothing (what ran before it stays when a later statement fails, or the history says applied for work that was undone). Fix: remove it; split the file into separate migrations (each runs in its own transaction), or put statements that must run outside a transaction in a file of their own starting with -- replaysafe:no-transaction");
	}

	@Test
	void savepointsAreNotFlagged() {
		assertThat(up(Rule.TRANSACTION_CONTROL, "SAVEPOINT s;\nROLLBACK TO SAVEPOINT s;\nRELEASE SAVEPOINT s;")).isEmpty();
	}
}
