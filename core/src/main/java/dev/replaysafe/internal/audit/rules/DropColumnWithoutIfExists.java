package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code drop-column-without-if-exists}: an ALTER TABLE ... DROP COLUMN that fails when run again. */
public final class DropColumnWithoutIfExists implements Check {

	@Override
	public Rule rule() {
		return Rule.DROP_COLUMN_WITHOUT_IF_EXISTS;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("ALTER");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.AlterTable alter = st.alterTable();
		if (alter == null) {
			return;
		}
		for (Statement.Action a : alter.actions()) {
			int k = a.name();
			if (!a.constraint() && a.verb().equals("DROP") && !st.matches(k, "IF", "EXISTS")) {
				report.add(rule(), st.token(a.at()), "DROP COLUMN " + text(st.token(k)) + " without IF EXISTS fails "
						+ "when the file runs again", "DROP COLUMN IF EXISTS " + text(st.token(k))
								+ " (replaysafe emulates it on SQLite)");
			}
		}
	}
}
