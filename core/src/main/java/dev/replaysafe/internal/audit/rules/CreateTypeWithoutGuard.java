package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-type-without-guard}: a CREATE TYPE or DOMAIN, which has no IF NOT EXISTS. */
public final class CreateTypeWithoutGuard implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_TYPE_WITHOUT_GUARD;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		String kind = st.create().kind();
		if (kind.equals("TYPE") || kind.equals("DOMAIN")) {
			report.add(rule(), st.headToken(), "CREATE " + kind + " fails when the file runs again (PostgreSQL has "
					+ "no CREATE " + kind + " IF NOT EXISTS) and SQLite has no user-defined types", rule().fix());
		}
	}
}
