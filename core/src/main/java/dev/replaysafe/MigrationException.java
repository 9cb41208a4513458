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

	/** What kind of failure this is. */
	private final Kind kind;

	/** The problems, one line each: the message alone unless several were found at once. */
	private final List<String> problems;

	/**
	 * A failure of kind {@link Kind#OTHER}.
	 *
	 * @param message the whole message, naming the file and the fix
	 */
	public MigrationException(String message) {
		this(Kind.OTHER, message, (Throwable) null);
	}

	/**
	 * A failure of kind {@link Kind#OTHER}, caused by {@code cause}.
	 *
	 * @param message the whole message, naming the file and the fix
	 * @param cause the underlying error (an {@link java.sql.SQLException}, say), or null
	 */
	public MigrationException(String message, Throwable cause) {
		this(Kind.OTHER, message, cause);
	}

	/**
	 * A failure of the given kind.
	 *
	 * @param kind what happened to the database
	 * @param message the whole message, naming the file and the fix
	 */
	public MigrationException(Kind kind, String message) {
		this(kind, message, (Throwable) null);
	}

	/**
	 * A failure of the given kind, caused by {@code cause}; {@link #problems()} is the message alone.
	 *
	 * @param kind what happened to the database
	 * @param message the whole message, naming the file and the fix
	 * @param cause the underlying error, or null
	 */
	public MigrationException(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.problems = List.of(message);
	}

	/**
	 * Several independent problems found at once (for example every bad file name of a set), of kind
	 * {@link Kind#OTHER}. The message is the summary followed by one indented line per problem.
	 *
	 * @param summary what went wrong overall, without a trailing colon
	 * @param problems one line per problem, each naming its file and its fix
	 */
	public MigrationException(String summary, List<String> problems) {
		this(Kind.OTHER, summary, problems);
	}

	/**
	 * Several independent problems of the given kind, found at once.
	 *
	 * @param kind what happened to the database
	 * @param summary what went wrong overall, without a trailing colon
	 * @param problems one line per problem, each naming its file and its fix
	 */
	public MigrationException(Kind kind, String summary, List<String> problems) {
		super(summary + ":\n  - " + String.join("\n  - ", problems));
		this.kind = kind;
		this.problems = List.copyOf(problems);
	}

	/** {@return what kind of failure this is} {@link Kind#OTHER} unless the thrower said otherwise. */
	public Kind kind() {
		return kind;
	}

	/**
	 * Each problem on its own, for reports that list them.
	 *
	 * @return the problems given to the constructor, or the message alone for a single problem; never empty
	 */
	public List<String> problems() {
		return problems;
	}
}
