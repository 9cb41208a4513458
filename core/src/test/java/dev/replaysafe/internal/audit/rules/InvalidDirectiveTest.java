package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.down;
import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code invalid-directive}: the exact findings it makes, and forms it must let through. */
class InvalidDirectiveTest {

	@Test
	void anUnknownDirectiveAndALateNoTransactionAreFlagged() {
		assertThat(up(Rule.INVALID_DIRECTIVE, "CREATE TABLE IF NOT EXISTS t (id INT);\n-- replaysafe:no-transaction\n-- replaysafe:bogus\n-- no-transaction\n")).containsExactly(
				"0001_x.sql:2:1 [invalid-directive] replaysafe:no-transaction is honoured only where the file starts with -- replaysafe:no-transaction (as written, lower case, nothing before it but a byte order mark); here it is ignored and the file would run in a transaction. Fix: -- replaysafe:allow <rule-id> <reason>, or -- replaysafe:no-transaction as the very start of an up",
				"0001_x.sql:3:1 [invalid-directive] replaysafe:bogus is no replaysafe directive (known: replaysafe:allow, replaysafe:no-transaction). Fix: -- replaysafe:allow <rule-id> <reason>, or -- replaysafe:no-transaction as the very start of an up",
				"0001_x.sql:4:1 [invalid-directive] -- no-transaction is honoured only where the file starts with it (sqlx's rule: as written, lower case, nothing before it); here it is ignored and the file would run in a transaction. Fix: -- replaysafe:allow <rule-id> <reason>, or -- replaysafe:no-transaction as the very start of an up");
	}

	@Test
	void aNoTransactionDirectiveInADownIsFlagged() {
		assertThat(down(Rule.INVALID_DIRECTIVE, "-- replaysafe:no-transaction\nDROP TABLE IF EXISTS t;")).containsExactly(
				"0001_x.down.sql:1:1 [invalid-directive] a down always runs in a transaction: replaysafe:no-transaction is read in ups only. Fix: -- replaysafe:allow <rule-id> <reason>, or -- replaysafe:no-transaction as the very start of an up");
	}

	@Test
	void aNoTransactionDirectiveStartingAnUpIsNotFlagged() {
		assertThat(up(Rule.INVALID_DIRECTIVE, "-- replaysafe:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (id);\n-- replaysafe:allow postgres-only-syntax built without locking the table")).isEmpty();
	}
}
