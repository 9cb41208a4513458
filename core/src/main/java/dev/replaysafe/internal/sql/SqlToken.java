package dev.replaysafe.internal.sql;

/**
 * One lexical token of a statement. Comments and white space are not tokens.
 *
 * @param kind what the token is
 * @param text the token exactly as written (quotes included)
 * @param offset where it starts in the file's text
 * @param line 1-based line in the file
 * @param column 1-based column in the line
 */
public record SqlToken(Kind kind, String text, int offset, int line, int column) {

	public enum Kind {
		/** A keyword or a bare identifier. */
		WORD,
		/** {@code "quoted identifier"}, or a MySQL/SQLite backtick or bracket identifier. */
		QUOTED_IDENTIFIER,
		/** {@code 'text'} or {@code E'text'}. */
		STRING,
		/** {@code $$body$$} or {@code $tag$body$tag$}. */
		DOLLAR_STRING,
		NUMBER,
		/** A bind placeholder: {@code ?}, {@code $1}, {@code :name}. */
		PLACEHOLDER,
		/** Any other character or operator ({@code (}, {@code ,}, {@code ::}, ...). */
		SYMBOL
	}

	/** Whether this is the given keyword, ignoring the case of ASCII letters (as both databases read keywords). */
	public boolean is(String keyword) {
		return kind == Kind.WORD && equalsIgnoreAsciiCase(text, keyword);
	}

	/**
	 * The identifier this token names: unquoted and, for bare words, with ASCII letters lower-cased
	 * as both databases fold them. Other letters are kept: PostgreSQL folds only ASCII letters in a
	 * UTF-8 database, and SQLite compares names ignoring the case of ASCII letters only, so
	 * {@code Übung} and {@code übung} are two names on both, and {@code ÜBUNG} is {@code Übung}.
	 */
	public String identifier() {
		return switch (kind) {
			case QUOTED_IDENTIFIER -> switch (text.charAt(0)) {
				case '[' -> text.substring(1, text.length() - 1);
				case '`' -> text.substring(1, text.length() - 1).replace("``", "`");
				default -> text.substring(1, text.length() - 1).replace("\"\"", "\"");
			};
			default -> lowerAscii(text);
		};
	}

	/** {@code s} with ASCII letters lower-cased, other characters unchanged (unlike {@link String#toLowerCase}). */
	public static String lowerAscii(String s) {
		StringBuilder b = null;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				if (b == null) {
					b = new StringBuilder(s);
				}
				b.setCharAt(i, (char) (c + ('a' - 'A')));
			}
		}
		return b == null ? s : b.toString();
	}

	/**
	 * Whether two names are equal ignoring the case of ASCII letters only, as SQLite compares names
	 * ({@code COLLATE NOCASE}). {@link String#equalsIgnoreCase} also matches {@code ı}, {@code İ},
	 * {@code ſ} and the Kelvin sign with ASCII letters, which neither database does.
	 */
	public static boolean equalsIgnoreAsciiCase(String a, String b) {
		if (a.length() != b.length()) {
			return false;
		}
		for (int i = 0; i < a.length(); i++) {
			char x = a.charAt(i);
			char y = b.charAt(i);
			if (x != y && !(isAsciiLetter(x) && (x ^ 0x20) == y)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetter(char c) {
		return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
	}
}
