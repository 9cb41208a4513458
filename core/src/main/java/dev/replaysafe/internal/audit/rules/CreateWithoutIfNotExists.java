package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-without-if-not-exists}: a CREATE TABLE, INDEX, SEQUENCE, SCHEMA or COLLATION that fails when run again. */
public final class CreateWithoutIfNotExists implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_WITHOUT_IF_NOT_EXISTS;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.Create create = st.create();
		String kind = create.kind();
		if (!Set.of("TABLE", "INDEX", "UNIQUE INDEX", "SEQUENCE", "SCHEMA", "COLLATION").contains(kind)) {
			return;
		}
		int i = create.at();
		int g = st.matches(i + 1, "CONCURRENTLY") ? i + 2 : i + 1;
		if (kind.endsWith("INDEX") && st.matches(g, "ON")) {
			report.add(rule(), st.headToken(), "CREATE " + kind + " without a name cannot be guarded and creates "
					+ "another index on every run", "name it: CREATE " + kind + " IF NOT EXISTS ix_name ON ...");
		}
		else if (!st.matches(g, "IF", "NOT", "EXISTS")) {
			report.add(rule(), st.headToken(), "CREATE " + kind + " without IF NOT EXISTS fails when the file runs "
					+ "again", "CREATE " + kind + " IF NOT EXISTS " + text(st.token(g)) + " ...");
		}
	}
}
