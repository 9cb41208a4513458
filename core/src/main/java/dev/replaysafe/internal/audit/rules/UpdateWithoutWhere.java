package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code update-without-where}: an UPDATE of every row, flagged for review. */
public final class UpdateWithoutWhere implements Check {

	@Override
	public Rule rule() {
		return Rule.UPDATE_WITHOUT_WHERE;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("UPDATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		if (depthZero(st.sql(), st.verb(), "WHERE") < 0) {
			report.add(rule(), st.headToken(), "UPDATE without WHERE changes every row on every run; review that "
					+ "running it again is harmless", rule().fix());
		}
	}
}
