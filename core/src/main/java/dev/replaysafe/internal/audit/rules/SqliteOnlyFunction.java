package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code sqlite-only-function}: a call of a function SQLite has and PostgreSQL lacks. */
public final class SqliteOnlyFunction implements Check {

	/** Functions SQLite has and PostgreSQL lacks (by that name). */
	private static final Set<String> FUNCTIONS = Set.of("datetime", "date", "time", "julianday", "strftime",
			"unixepoch", "ifnull", "iif", "instr", "printf", "group_concat", "randomblob", "last_insert_rowid");

	@Override
	public Rule rule() {
		return Rule.SQLITE_ONLY_FUNCTION;
	}

	@Override
	public boolean readsTokens() {
		return true;
	}

	@Override
	public void token(Statement st, int k, SqlToken t, String word, Report report) {
		if (word != null && FUNCTIONS.contains(word) && call(st.sql(), k) && !typePosition(st.sql(), k)) {
			report.add(rule(), t, word + "() is a SQLite function; PostgreSQL has none by that name",
					word.startsWith("date") || word.equals("time") ? "CURRENT_TIMESTAMP, CURRENT_DATE or "
							+ "CURRENT_TIME, or a value the application computes" : rule().fix());
		}
	}
}
