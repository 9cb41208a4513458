package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code alter-type-add-value-without-if-not-exists}: an enum value added again fails ("already exists"). */
public final class AlterTypeAddValueWithoutIfNotExists implements Check {

	@Override
	public Rule rule() {
		return Rule.ALTER_TYPE_ADD_VALUE_WITHOUT_IF_NOT_EXISTS;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("ALTER");
	}

	@Override
	public void statement(Statement st, Report report) {
		int v = st.verb();
		if (!st.matches(v + 1, "TYPE")) {
			return;
		}
		int add = depthZero(st.sql(), v + 2, "ADD");
		if (add >= 0 && st.matches(add + 1, "VALUE") && !st.matches(add + 2, "IF", "NOT", "EXISTS")) {
			String value = text(st.token(add + 2));
			report.add(rule(), st.token(add), "ALTER TYPE ... ADD VALUE " + value + " without IF NOT EXISTS fails when "
					+ "the file runs again", "ALTER TYPE " + text(st.token(v + 2)) + " ADD VALUE IF NOT EXISTS " + value);
		}
	}
}
