package dev.replaysafe;

import java.util.List;

/**
 * The one error replaysafe raises. Its message is written for the person who has to act on it:
 * it names the file, the line, what is wrong and how to fix it, so that it can be shown as is.
 */
public class MigrationException extends RuntimeException {

	private final List<String> problems;

	public MigrationException(String message) {
		this(message, (Throwable) null);
	}

	public MigrationException(String message, Throwable cause) {
		super(message, cause);
		this.problems = List.of(message);
	}

	/** Several independent problems found at once (for example every bad file name of a set). */
	public MigrationException(String summary, List<String> problems) {
		super(summary + ":\n  - " + String.join("\n  - ", problems));
		this.problems = List.copyOf(problems);
	}

	/** Each problem on its own, for reports that list them. */
	public List<String> problems() {
		return problems;
	}
}
