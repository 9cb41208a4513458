package dev.replaysafe;

import java.util.List;

/**
 * The one error replaysafe raises. Its message is written for the person who has to act on it:
 * it names the file, the line, what is wrong and how to fix it, so that it can be shown as is.
 * Its {@link #kind()} says what happened to the database, for tools that add their own advice.
 */
public class MigrationException extends RuntimeException {

	/** What kind of failure this is, and so what was (not) done to the database. */
	public enum Kind {
		/** The audit found errors in the pending files: nothing was run. */
		AUDIT,
		/** The migration files are invalid (names, pairs, encoding, a file the lexer rejects): nothing was run. */
		INVALID_FILES,
		/** A pending file does what no migration may (transaction control, client commands, the history table): nothing was run. */
		REFUSED,
		/** The history does not match the files (a changed or missing applied file): nothing was run. */
		HISTORY_MISMATCH,
		/** Another instance held the lock longer than the lock timeout: nothing was run. */
		LOCK_TIMEOUT,
		/** A setting is invalid: nothing was run. */
		CONFIGURATION,
		/** The database could not be reached or the connection was lost. */
		CONNECTION,
		/** A migration's statement failed: that migration was rolled back, the ones before it stay applied. */
		MIGRATION_FAILED,
		/** Anything else. */
		OTHER
	}

	private final Kind kind;

	private final List<String> problems;

	public MigrationException(String message) {
		this(Kind.OTHER, message, (Throwable) null);
	}

	public MigrationException(String message, Throwable cause) {
		this(Kind.OTHER, message, cause);
	}

	public MigrationException(Kind kind, String message) {
		this(kind, message, (Throwable) null);
	}

	public MigrationException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.problems = List.of(message);
	}

	/** Several independent problems found at once (for example every bad file name of a set). */
	public MigrationException(String summary, List<String> problems) {
		this(Kind.OTHER, summary, problems);
	}

	public MigrationException(Kind kind, String summary, List<String> problems) {
		super(summary + ":\n  - " + String.join("\n  - ", problems));
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	/** What kind of failure this is. */
	public Kind kind() {
		return kind;
	}

	/** Each problem on its own, for reports that list them. */
	public List<String> problems() {
		return problems;
	}
}
