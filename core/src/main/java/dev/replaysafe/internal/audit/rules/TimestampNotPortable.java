package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;


import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code timestamp-not-portable}: a time type that means an instant on PostgreSQL and text on SQLite. */
public final class TimestampNotPortable implements Check {

	@Override
	public Rule rule() {
		return Rule.TIMESTAMP_NOT_PORTABLE;
	}

	@Override
	public boolean readsTokens() {
		return true;
	}

	@Override
	public void token(Statement st, int k, SqlToken t, String word, Report report) {
		if (word == null) {
			return;
		}
		switch (word) {
			case "timestamptz", "timetz" -> report.add(rule(), t, upper(t) + " means an instant on PostgreSQL and "
					+ "plain text on SQLite", rule().fix());
			case "with" -> {
				if (st.matches(k + 1, "TIME", "ZONE")) {
					report.add(rule(), t, "WITH TIME ZONE means an instant on PostgreSQL and plain text on SQLite",
							rule().fix());
				}
			}
			case "datetime" -> {
				if (!call(st.sql(), k) && typePosition(st.sql(), k)) {
					report.add(rule(), t, "DATETIME is not a PostgreSQL type", rule().fix());
				}
			}
			default -> {
			}
		}
	}
}
