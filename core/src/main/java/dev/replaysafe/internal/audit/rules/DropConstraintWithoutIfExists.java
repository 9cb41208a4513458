package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code drop-constraint-without-if-exists}: an ALTER TABLE ... DROP CONSTRAINT that fails when run again. */
public final class DropConstraintWithoutIfExists implements Check {

	@Override
	public Rule rule() {
		return Rule.DROP_CONSTRAINT_WITHOUT_IF_EXISTS;
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
			if (a.verb().equals("DROP") && st.matches(a.name(), "CONSTRAINT")
					&& !st.matches(a.name() + 1, "IF", "EXISTS")) {
				String constraint = text(st.token(a.name() + 1));
				report.add(rule(), st.token(a.at()), "DROP CONSTRAINT " + constraint + " without IF EXISTS fails when "
						+ "the file runs again", "ALTER TABLE " + alter.table() + " DROP CONSTRAINT IF EXISTS "
								+ constraint);
			}
		}
	}
}
