package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-trigger}: a CREATE TRIGGER, whose body SQLite and PostgreSQL write differently. */
public final class CreateTrigger implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_TRIGGER;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		if (st.create().kind().equals("TRIGGER")) {
			report.add(rule(), st.headToken(), "CREATE TRIGGER is not portable: SQLite and PostgreSQL write trigger "
					+ "bodies differently", rule().fix());
		}
	}
}
