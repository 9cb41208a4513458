package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-policy-without-guard}: a row-level security policy created again fails ("already exists"). */
public final class CreatePolicyWithoutGuard implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_POLICY_WITHOUT_GUARD;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.Create create = st.create();
		int at = create.at();
		if (!create.kind().equals("POLICY") || st.dropped("POLICY", name(st.sql(), at + 1))) {
			return;
		}
		String policy = text(st.token(at + 1));
		String table = st.matches(at + 2, "ON") ? text(st.token(at + 3)) : "t";
		report.add(rule(), st.headToken(), "CREATE POLICY " + policy + " fails when the file runs again (PostgreSQL has "
				+ "no CREATE POLICY IF NOT EXISTS): no DROP POLICY IF EXISTS " + policy + " comes before it in the file",
				"DROP POLICY IF EXISTS " + policy + " ON " + table + "; before it");
	}
}
