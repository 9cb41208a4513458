package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code drop-without-if-exists}: a DROP of a table, index, view, ... that fails when run again. */
public final class DropWithoutIfExists implements Check {

	@Override
	public Rule rule() {
		return Rule.DROP_WITHOUT_IF_EXISTS;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("DROP");
	}

	/** The index of the DROP's {@code IF EXISTS} (within its first words), or -1. */
	public static int guard(Statement st) {
		for (int j = st.verb() + 1; j <= st.verb() + 4; j++) {
			if (st.matches(j, "IF", "EXISTS")) {
				return j;
			}
		}
		return -1;
	}

	@Override
	public void statement(Statement st, Report report) {
		if (guard(st) >= 0) {
			return;
		}
		int i = st.verb() + 1;
		String kind = st.matches(i, "MATERIALIZED") ? "MATERIALIZED " + upper(st.token(i + 1)) : upper(st.token(i));
		report.add(rule(), st.headToken(), "DROP " + kind + " without IF EXISTS fails when the file runs again (or "
				+ "a down that failed half way is run again)", "DROP " + kind + " IF EXISTS " + text(st.token(i + 1)));
	}
}
