package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;

/** {@code create-extension-without-if-not-exists}: a CREATE EXTENSION that fails when run again. */
public final class CreateExtensionWithoutIfNotExists implements Check {

	@Override
	public Rule rule() {
		return Rule.CREATE_EXTENSION_WITHOUT_IF_NOT_EXISTS;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE");
	}

	@Override
	public void statement(Statement st, Report report) {
		Statement.Create create = st.create();
		if (create.kind().equals("EXTENSION") && !st.matches(create.at() + 1, "IF", "NOT", "EXISTS")) {
			String extension = text(st.token(create.at() + 1));
			report.add(rule(), st.headToken(), "CREATE EXTENSION " + extension + " without IF NOT EXISTS fails when the "
					+ "file runs again", "CREATE EXTENSION IF NOT EXISTS " + extension);
		}
	}
}
