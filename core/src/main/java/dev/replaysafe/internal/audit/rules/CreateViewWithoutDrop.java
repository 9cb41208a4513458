package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-view-without-drop}: a CREATE VIEW no DROP VIEW IF EXISTS of it precedes in its file. */
public final class CreateViewWithoutDrop implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_VIEW_WITHOUT_DROP;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.Create create = st.create();
		int i = create.at();
		if (!create.kind().equals("VIEW") || st.matches(i + 1, "IF", "NOT", "EXISTS") || create.isOrReplace()
				|| st.dropped("VIEW", name(st.sql(), i + 1))) {
			return;
		}
		String view = text(st.token(i + 1));
		report.add(rule(), st.headToken(), "CREATE VIEW " + view + " fails when the file runs again: no DROP VIEW "
				+ "IF EXISTS " + view + " comes before it in the file", "DROP VIEW IF EXISTS " + view + "; before it "
						+ "(PostgreSQL has no CREATE VIEW IF NOT EXISTS, SQLite no CREATE OR REPLACE VIEW)");
	}
}
