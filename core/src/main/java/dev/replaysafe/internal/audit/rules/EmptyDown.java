package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import dev.replaysafe.Audit.Rule;

/** {@code empty-down}: a down with no executable statement. */
public final class EmptyDown implements Check {

	@Override
	public Rule rule() {
		return Rule.EMPTY_DOWN;
	}

	@Override
	public void end(boolean down, int statements, Report report) {
		if (down && statements == 0) {
			report.add(rule(), 1, 1, "the down has no executable statement (empty, or comments only), so a rollback "
					+ "would only delete the history row and leave the schema as the up made it", rule().fix());
		}
	}
}
