package dev.replaysafe.internal.audit.rules;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlComment;
import dev.replaysafe.internal.sql.SqlScript;

/**
 * {@code invalid-directive}: a {@code replaysafe:} comment that is no directive, or a
 * no-transaction directive (ours or sqlx's spelling) the engine would ignore.
 */
public final class InvalidDirective {

	public static final Rule RULE = Rule.INVALID_DIRECTIVE;

	private static final String DIRECTIVE = "replaysafe:";

	private static final String WAIVER = "replaysafe:allow";

	private static final String NO_TRANSACTION = "replaysafe:no-transaction";

	/** The directive as sqlx spells it; {@link SqlScript#hasDirective} reads both spellings. */
	private static final String SQLX_NO_TRANSACTION = "no-transaction";

	private InvalidDirective() {
	}

	/** Whether the comment is a directive of ours ({@code replaysafe:...}). */
	public static boolean isDirective(SqlComment comment) {
		return comment.text().regionMatches(true, 0, DIRECTIVE, 0, DIRECTIVE.length());
	}

	/** Whether the comment is sqlx's {@code -- no-transaction}. */
	public static boolean isSqlxDirective(SqlComment comment) {
		return comment.text().regionMatches(true, 0, SQLX_NO_TRANSACTION, 0, SQLX_NO_TRANSACTION.length());
	}

	/** Whether the comment is a waiver ({@code replaysafe:allow ...}). */
	public static boolean isWaiver(SqlComment comment) {
		return comment.text().regionMatches(true, 0, WAIVER, 0, WAIVER.length());
	}

	/** The waiver's rule id and reason, as written (the reason may be empty). */
	public static String[] waiver(SqlComment comment) {
		String[] parts = comment.text().substring(WAIVER.length()).strip().split("\\s+", 2);
		return new String[] { parts[0], parts.length > 1 ? parts[1].strip() : "" };
	}

	/**
	 * What is wrong with a directive comment other than a waiver (ours or sqlx's spelling), or null
	 * if it is none or the engine honours it. {@code text} is the file's text.
	 */
	public static String problem(SqlComment comment, boolean down, String text) {
		if (isDirective(comment)) {
			if (!comment.text().regionMatches(true, 0, NO_TRANSACTION, 0, NO_TRANSACTION.length())) {
				return comment.text().split("\\s+")[0] + " is no replaysafe directive (known: replaysafe:allow, "
						+ "replaysafe:no-transaction)";
			}
			if (down) {
				return "a down always runs in a transaction: replaysafe:no-transaction is read in ups only";
			}
			return honoured(comment, text) ? null : "replaysafe:no-transaction is honoured only where the file "
					+ "starts with -- replaysafe:no-transaction (as written, lower case, nothing before it but a byte "
					+ "order mark); here it is ignored and the file would run in a transaction";
		}
		if (!isSqlxDirective(comment)) {
			return null;
		}
		// sqlx reads -- no-transaction where the file starts with it, and in downs too.
		if (down) {
			return "a down always runs in a transaction: -- no-transaction (which sqlx honours in downs) is read "
					+ "in ups only";
		}
		return honoured(comment, text) ? null : "-- no-transaction is honoured only where the file starts with it "
				+ "(sqlx's rule: as written, lower case, nothing before it); here it is ignored and the file would run "
				+ "in a transaction";
	}

	/** Whether this directive comment is the one the engine reads: the start of the file. */
	private static boolean honoured(SqlComment comment, String text) {
		return comment.line() == 1 && SqlScript.hasDirective(text, SQLX_NO_TRANSACTION);
	}
}
