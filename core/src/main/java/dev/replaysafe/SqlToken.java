package dev.replaysafe;

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

	/** Whether this is the given keyword, ignoring case. */
	public boolean is(String keyword) {
		return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
	}

	/** The identifier this token names: unquoted and, for bare words, lower-cased as both databases fold it. */
	public String identifier() {
		return switch (kind) {
			case QUOTED_IDENTIFIER -> text.substring(1, text.length() - 1).replace("\"\"", "\"");
			default -> text.toLowerCase(java.util.Locale.ROOT);
		};
	}
}
