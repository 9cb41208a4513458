package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code bind-placeholder}: a {@code ?}, {@code $1} or {@code :name} in a migration, which runs without parameters. */
public final class BindPlaceholder implements Check {

	@Override
	public Rule rule() {
		return Rule.BIND_PLACEHOLDER;
	}

	@Override
	public boolean readsTokens() {
		return true;
	}

	@Override
	public void token(Statement st, int k, SqlToken t, String word, Report report) {
		if (t.kind() == SqlToken.Kind.PLACEHOLDER) {
			report.add(rule(), t, "bind placeholder " + t.text() + " in a migration: migrations run as written, never "
					+ "with parameters", rule().fix());
		}
	}
}
