package dev.replaysafe.internal.sql;

import java.util.List;

/**
 * One statement of a SQL file as the lexer split it.
 *
 * @param sql what is sent to the database: from the first token to the last, without the
 *     terminating semicolon (comments inside are kept)
 * @param line 1-based line of the first token
 * @param column 1-based column of the first token
 * @param offset offset of the first token in the file's text
 * @param tokens the statement's tokens, comments and white space excluded
 */
public record SqlStatement(String sql, int line, int column, int offset, List<SqlToken> tokens) {

	public SqlStatement {
		tokens = List.copyOf(tokens);
	}

	/** The token at {@code index}, or null past the end: rules look ahead without bounds checks. */
	public SqlToken token(int index) {
		return index < tokens.size() ? tokens.get(index) : null;
	}

	/** Whether the tokens starting at {@code index} are these keywords, ignoring case. */
	public boolean matches(int index, String... keywords) {
		for (int i = 0; i < keywords.length; i++) {
			SqlToken t = token(index + i);
			if (t == null || !t.is(keywords[i])) {
				return false;
			}
		}
		return true;
	}
}
