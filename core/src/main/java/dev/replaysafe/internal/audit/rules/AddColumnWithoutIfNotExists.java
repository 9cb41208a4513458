package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code add-column-without-if-not-exists}: an ALTER TABLE ... ADD COLUMN that fails when run again. */
public final class AddColumnWithoutIfNotExists implements Check {

	@Override
	public Rule rule() {
		return Rule.ADD_COLUMN_WITHOUT_IF_NOT_EXISTS;
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
			if (!a.constraint() && a.verb().equals("ADD") && !st.matches(k, "IF", "NOT", "EXISTS")) {
				report.add(rule(), st.token(a.at()), "ADD COLUMN " + text(st.token(k)) + " without IF NOT EXISTS "
						+ "fails when the file runs again", "ADD COLUMN IF NOT EXISTS " + text(st.token(k))
								+ " ... (replaysafe emulates it on SQLite)");
			}
		}
	}
}
