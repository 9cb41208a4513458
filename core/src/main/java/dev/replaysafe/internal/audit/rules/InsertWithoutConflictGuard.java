package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code insert-without-conflict-guard}: an INSERT that fails or duplicates rows when run again. */
public final class InsertWithoutConflictGuard implements Check {

	@Override
	public Rule rule() {
		return Rule.INSERT_WITHOUT_CONFLICT_GUARD;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("INSERT");
	}

	@Override
	public void statement(Statement st, Report report) {
		int v = st.verb();
		if (st.matches(v + 1, "OR")) {
			return; // INSERT OR IGNORE / REPLACE: SQLite's guard, reported as sqlite-only-syntax
		}
		int size = st.sql().tokens().size();
		for (int k = v + 1; k < size; k++) {
			if (st.matches(k, "ON", "CONFLICT")) {
				for (int d = k + 2; d < size; d++) {
					if (st.matches(d, "DO", "NOTHING") || st.matches(d, "DO", "UPDATE")) {
						return;
					}
				}
			}
			if (st.matches(k, "WHERE", "NOT", "EXISTS")) {
				return;
			}
		}
		report.add(rule(), st.headToken(), "INSERT without ON CONFLICT ... DO NOTHING (or DO UPDATE) or WHERE NOT "
				+ "EXISTS fails or duplicates rows when the file runs again", rule().fix());
	}
}
