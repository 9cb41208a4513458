package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code sqlite-only-syntax}: statements and words SQLite has and PostgreSQL lacks. */
public final class SqliteOnlySyntax implements Check {

	@Override
	public Rule rule() {
		return Rule.SQLITE_ONLY_SYNTAX;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE", "INSERT", "REPLACE", "PRAGMA");
	}

	@Override
	public void statement(Statement st, Report report) {
		SqlToken head = st.headToken();
		switch (st.head()) {
			case "CREATE" -> {
				Statement.Create create = st.create();
				if (create.kind().equals("VIEW") && st.matches(create.at() + 1, "IF", "NOT", "EXISTS")) {
					report.add(rule(), st.token(create.at() + 1), "CREATE VIEW IF NOT EXISTS is SQLite's; PostgreSQL "
							+ "has no IF NOT EXISTS for views", Rule.CREATE_VIEW_WITHOUT_DROP.fix());
				}
				else if (create.kind().equals("VIRTUAL")) {
					report.add(rule(), head, "CREATE VIRTUAL TABLE is SQLite's", "a plain table");
				}
			}
			case "INSERT" -> {
				if (st.matches(st.verb() + 1, "OR")) {
					report.add(rule(), head, "INSERT OR " + upper(st.token(st.verb() + 2)) + " is SQLite's",
							"INSERT ... ON CONFLICT (key) DO NOTHING (or DO UPDATE SET ...)");
				}
			}
			case "REPLACE" -> report.add(rule(), head, "REPLACE INTO is SQLite's; PostgreSQL has no REPLACE",
					"INSERT ... ON CONFLICT (key) DO UPDATE SET ...");
			case "PRAGMA" -> report.add(rule(), head, "PRAGMA is SQLite's", "leave database settings to the "
					+ "connection (JDBC URL or pool), not to a migration");
			default -> {
			}
		}
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
		if (word.equals("autoincrement")) {
			report.add(rule(), t, "AUTOINCREMENT is SQLite's", "ids the application generates (UUID strings, as the "
					+ "reference schema does)");
		}
		else if (word.equals("without") && st.matches(k + 1, "ROWID")) {
			report.add(rule(), t, "WITHOUT ROWID is SQLite's", "a plain table with a PRIMARY KEY");
		}
	}
}
