package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code delete-without-where}: a DELETE of every row, flagged for review. */
public final class DeleteWithoutWhere implements Check {

	@Override
	public Rule rule() {
		return Rule.DELETE_WITHOUT_WHERE;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("DELETE");
	}

	@Override
	public void statement(Statement st, Report report) {
		if (depthZero(st.sql(), st.verb(), "WHERE") < 0) {
			report.add(rule(), st.headToken(), "DELETE without WHERE empties the table; review that this is meant",
					rule().fix());
		}
	}
}
