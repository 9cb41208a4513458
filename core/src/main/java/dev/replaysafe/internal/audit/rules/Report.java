package dev.replaysafe.internal.audit.rules;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** Where a check puts its findings: the engine ties each to its file and statement. */
public interface Report {

	/** A finding of {@code rule} at a token. */
	void add(Rule rule, SqlToken at, String message, String fix);

	/** A finding of {@code rule} at a line and column (1, 1 for the file as a whole). */
	void add(Rule rule, int line, int column, String message, String fix);
}
