package dev.replaysafe.internal.audit.rules;

import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * One audit rule's check. The engine streams each statement once: it calls {@link #statement} for
 * the statements whose verb the check reads, and {@link #token} for every token of every
 * statement, in one walk over the tokens shared by all checks.
 */
public interface Check {

	/** The rule this check reports (its id, severity and usual fix live in {@link Rule}). */
	Rule rule();

	/** The verbs (upper case: CREATE, ALTER, ...) whose statements {@link #statement} reads; empty for every one. */
	default Set<String> verbs() {
		return Set.of();
	}

	/** Checks a whole statement. */
	default void statement(Statement st, Report report) {
	}

	/** Whether {@link #token} is to be called (false skips the check in the token walk). */
	default boolean readsTokens() {
		return false;
	}

	/**
	 * Checks the token {@code t} at {@code k} of a statement; {@code word} is its text in lower
	 * case if it is a word (lowered once for every check), else null.
	 */
	default void token(Statement st, int k, SqlToken t, String word, Report report) {
	}

	/** Checks the file once all its statements are read. */
	default void end(boolean down, int statements, Report report) {
	}
}
