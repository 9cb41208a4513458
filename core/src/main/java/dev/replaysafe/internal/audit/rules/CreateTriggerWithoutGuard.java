package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/**
 * {@code create-trigger-without-guard}: a trigger created again fails ("already exists") unless it
 * is CREATE OR REPLACE (PostgreSQL 14 and later), CREATE TRIGGER IF NOT EXISTS (SQLite), or a DROP
 * TRIGGER IF EXISTS of it comes before it in the file.
 */
public final class CreateTriggerWithoutGuard implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_TRIGGER_WITHOUT_GUARD;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.Create create = st.create();
		int at = create.at();
		if (create.kind().equals("CONSTRAINT") && st.matches(at + 1, "TRIGGER")) {
			at++;
		}
		else if (!create.kind().equals("TRIGGER")) {
			return;
		}
		if (create.isOrReplace() || st.matches(at + 1, "IF", "NOT", "EXISTS")
				|| st.dropped("TRIGGER", name(st.sql(), at + 1))) {
			return;
		}
		String trigger = text(st.token(at + 1));
		int on = depthZero(st.sql(), at + 1, "ON");
		String table = on >= 0 ? text(st.token(on + 1)) : "t";
		report.add(rule(), st.headToken(), "CREATE TRIGGER " + trigger + " fails when the file runs again: no DROP "
				+ "TRIGGER IF EXISTS " + trigger + " comes before it in the file", "DROP TRIGGER IF EXISTS " + trigger
						+ " ON " + table + "; before it (on SQLite: DROP TRIGGER IF EXISTS " + trigger + ";, or CREATE "
						+ "TRIGGER IF NOT EXISTS; on PostgreSQL 14 and later: CREATE OR REPLACE TRIGGER)");
	}
}
