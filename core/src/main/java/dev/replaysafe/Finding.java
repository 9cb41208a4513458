package dev.replaysafe;

/**
 * One problem the {@link Audit} found in a migration file.
 *
 * @param file the file's location, as in every other message ({@code db/migrations/0001_x.sql})
 * @param line 1-based line of the offending token (of the file's start for file-wide findings)
 * @param column 1-based column of the offending token
 * @param rule the rule's stable id ({@code create-without-if-not-exists}), the one a waiver names
 * @param severity {@link Severity#ERROR} stops a run in {@link AuditMode#FAIL}; a warning never does
 * @param message what is wrong, naming the construct found
 * @param fix how to write it instead
 * @param waived the reason given by a {@code -- replaysafe:allow <rule-id> <reason>} comment, or
 *     null when the finding is not waived
 */
public record Finding(String file, int line, int column, String rule, Severity severity, String message, String fix,
		String waived) {

	/** Whether a finding stops a run or only asks for a review. */
	public enum Severity {
		/** Not replay-safe or not portable: stops a run in {@link AuditMode#FAIL} unless waived. */
		ERROR,
		/** To be reviewed by a person (an {@code UPDATE} without {@code WHERE}); never stops a run. */
		WARNING
	}

	/** {@return whether a waiver in the file accepted this finding} Its reason is {@link #waived()}. */
	public boolean isWaived() {
		return waived != null;
	}

	/** {@return whether this finding stops a run in {@link AuditMode#FAIL}} True for an error nobody waived. */
	public boolean blocks() {
		return severity == Severity.ERROR && waived == null;
	}

	/**
	 * {@return a copy of this finding, accepted for the given reason} The audit calls it for each
	 * {@code -- replaysafe:allow} comment that names the finding's rule.
	 *
	 * @param reason the waiver's reason, as written after the rule id
	 */
	public Finding waive(String reason) {
		return new Finding(file, line, column, rule, severity, message, fix, reason);
	}

	/** {@code file:line:column [rule-id] message. Fix: fix}, plus the waiver's reason or the warning mark. */
	@Override
	public String toString() {
		String text = file + ":" + line + ":" + column + " [" + rule + "] " + message + ". Fix: " + fix;
		if (waived != null) {
			return text + " (waived: " + waived + ")";
		}
		return severity == Severity.WARNING ? text + " (warning: review only)" : text;
	}
}
