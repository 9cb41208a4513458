package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-function-without-or-replace}: a CREATE FUNCTION or PROCEDURE that fails when run again. */
public final class CreateFunctionWithoutOrReplace implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_FUNCTION_WITHOUT_OR_REPLACE;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.Create create = st.create();
		String kind = create.kind();
		if ((kind.equals("FUNCTION") || kind.equals("PROCEDURE")) && !create.isOrReplace()) {
			report.add(rule(), st.headToken(), "CREATE " + kind + " without OR REPLACE fails when the file runs again "
					+ "(PostgreSQL has no CREATE " + kind + " IF NOT EXISTS)", "CREATE OR REPLACE " + kind + " "
							+ text(st.token(create.at() + 1)) + "(...) ...");
		}
	}
}
