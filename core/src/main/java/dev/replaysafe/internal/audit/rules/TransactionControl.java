package dev.replaysafe.internal.audit.rules;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.audit.Preflight;

/** {@code transaction-control}: BEGIN, COMMIT, ... in a migration the engine runs in its own transaction. */
public final class TransactionControl implements Check {

	@Override
	public Rule rule() {
		return Rule.TRANSACTION_CONTROL;
	}

	@Override
	public void statement(Statement st, Report report) {
		String control = Preflight.transactionControl(st.sql());
		if (control != null) {
			report.add(rule(), st.token(0), control, rule().fix());
		}
	}
}
