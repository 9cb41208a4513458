package dev.replaysafe;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL file split into statements by a real lexer: {@code --} and block comments (nested, as
 * PostgreSQL reads them), {@code '...'} strings with {@code ''}, {@code E'...'} strings with
 * backslash escapes, {@code "..."} and backtick identifiers, and PostgreSQL dollar quotes
 * ({@code $$...$$}, {@code $tag$...$tag$}). A semicolon ends a statement only outside all of these.
 *
 * <p>The split loses nothing: {@link #segments()} joined give back the text exactly, which is
 * what lets the property tests check the lexer against random input. Time is linear in the size.
 *
 * @param name the file name used in error messages
 * @param segments the text cut after each terminating semicolon; joined, they are the input
 * @param statements the executable statements (segments holding at least one token)
 * @param comments every comment, for directives and waivers
 */
public record SqlScript(String name, List<String> segments, List<SqlStatement> statements, List<SqlComment> comments) {

	/** Splits {@code text}; an unterminated string, identifier, comment or dollar quote is an error naming file:line:column. */
	public static SqlScript parse(String name, String text) {
		return new Lexer(name, text).run();
	}

	/**
	 * How many characters the lexer reads to split {@code text} (an error included): a deterministic
	 * measure of its work, which the complexity test compares across input sizes.
	 */
	static long charactersExamined(String text) {
		Lexer lexer = new Lexer("-", text);
		try {
			lexer.run();
		}
		catch (MigrationException e) {
			// The work up to the error counts all the same.
		}
		return lexer.examined;
	}

	/**
	 * Whether the file opens with the directive: its text, after a byte order mark, starts with
	 * {@code -- replaysafe:<directive>} or sqlx's spelling {@code -- <directive>}. This is sqlx's
	 * rule, {@code sql.starts_with("-- no-transaction")} (sqlx-core, migrate/source.rs): as written,
	 * case-sensitive, nothing before it, anything after it ({@code -- no-transaction (for CONCURRENTLY)}).
	 * The byte order mark is the one exception: replaysafe never sends it, and sqlx's PostgreSQL rejects
	 * a file that starts with one.
	 */
	public boolean hasDirective(String directive) {
		return hasDirective(segments.isEmpty() ? "" : segments.get(0), directive);
	}

	/** {@link #hasDirective(String)} on a file's text, without lexing it. */
	static boolean hasDirective(String text, String directive) {
		int start = text.startsWith("\uFEFF") ? 1 : 0;
		return text.startsWith("-- replaysafe:" + directive, start) || text.startsWith("-- " + directive, start);
	}

	private static final class Lexer {

		private final String name;
		private final String s;
		private final int n;
		private int i;
		private int line = 1;
		private int lineStart;

		private final List<String> segments = new ArrayList<>();
		private final List<SqlStatement> statements = new ArrayList<>();
		private final List<SqlComment> comments = new ArrayList<>();
		private List<SqlToken> tokens = new ArrayList<>();
		private int segmentStart;
		/** Characters read, for the test that holds the lexer to linear time (see {@link #charactersExamined}). */
		private long examined;

		Lexer(String name, String text) {
			this.name = name;
			this.s = text;
			this.n = text.length();
		}

		SqlScript run() {
			while (i < n) {
				char c = at(i);
				if (c == ';') {
					i++;
					endSegment(i - 1);
				}
				else if (c == '\n') {
					newLine(++i);
				}
				else if (Character.isWhitespace(c) || c == '\uFEFF') {
					i++;
				}
				else if (c == '-' && peek(1) == '-') {
					lineComment();
				}
				else if (c == '/' && peek(1) == '*') {
					blockComment();
				}
				else {
					token(c);
				}
			}
			endSegment(n);
			return new SqlScript(name, List.copyOf(segments), List.copyOf(statements), List.copyOf(comments));
		}

		private void endSegment(int statementEnd) {
			if (!tokens.isEmpty()) {
				SqlToken first = tokens.get(0);
				SqlToken last = tokens.get(tokens.size() - 1);
				int end = last.offset() + last.text().length();
				statements.add(new SqlStatement(s.substring(first.offset(), end), first.line(), first.column(),
						first.offset(), tokens));
				tokens = new ArrayList<>();
			}
			if (i > segmentStart || segments.isEmpty() && n == 0) {
				segments.add(s.substring(segmentStart, i));
			}
			segmentStart = i;
		}

		private void token(char c) {
			int start = i;
			int startLine = line;
			int startColumn = i - lineStart + 1;
			SqlToken.Kind kind;
			if (c == '\'') {
				quoted('\'', "string literal", "close it with ' (a quote inside a string is written '')");
				kind = SqlToken.Kind.STRING;
			}
			else if ((c == 'E' || c == 'e') && peek(1) == '\'' && !identifierPart(before(start))) {
				i++;
				escapeString();
				kind = SqlToken.Kind.STRING;
			}
			else if (c == '"') {
				quoted('"', "quoted identifier", "close it with \" (a quote inside is written \"\")");
				kind = SqlToken.Kind.QUOTED_IDENTIFIER;
			}
			else if (c == '`') {
				quoted('`', "quoted identifier", "close it with `");
				kind = SqlToken.Kind.QUOTED_IDENTIFIER;
			}
			else if (c == '$' && Character.isDigit(peek(1))) {
				i++;
				while (i < n && Character.isDigit(at(i))) {
					i++;
				}
				kind = SqlToken.Kind.PLACEHOLDER;
			}
			else if (c == '$' && dollarTag() != null) {
				dollarString(dollarTag(), startLine, startColumn);
				kind = SqlToken.Kind.DOLLAR_STRING;
			}
			else if (identifierStart(c)) {
				while (i < n && identifierPart(at(i))) {
					i++;
				}
				kind = SqlToken.Kind.WORD;
			}
			else if (Character.isDigit(c) || c == '.' && Character.isDigit(peek(1))) {
				number();
				kind = SqlToken.Kind.NUMBER;
			}
			else if (c == '?' || (c == ':' || c == '@') && identifierStart(peek(1)) && before(start) != ':') {
				i++;
				while (i < n && identifierPart(at(i))) {
					i++;
				}
				kind = SqlToken.Kind.PLACEHOLDER;
			}
			else {
				i += (c == ':' && peek(1) == ':') ? 2 : 1;
				kind = SqlToken.Kind.SYMBOL;
			}
			tokens.add(new SqlToken(kind, s.substring(start, i), start, startLine, startColumn));
		}

		private void lineComment() {
			int start = i + 2;
			while (i < n && at(i) != '\n') {
				i++;
			}
			comments.add(new SqlComment(s.substring(start, i).trim(), line));
		}

		private void blockComment() {
			int startLine = line;
			int startColumn = i - lineStart + 1;
			int start = i + 2;
			int depth = 0;
			while (i < n) {
				if (at(i) == '/' && peek(1) == '*') {
					depth++;
					i += 2;
				}
				else if (at(i) == '*' && peek(1) == '/') {
					depth--;
					i += 2;
					if (depth == 0) {
						comments.add(new SqlComment(s.substring(start, i - 2).trim(), startLine));
						return;
					}
				}
				else if (at(i++) == '\n') {
					newLine(i);
				}
			}
			throw unterminated("block comment", startLine, startColumn, "close it with */ (comments nest, as in PostgreSQL)");
		}

		private void quoted(char quote, String what, String fix) {
			int startLine = line;
			int startColumn = i - lineStart + 1;
			i++;
			while (i < n) {
				char c = at(i++);
				if (c == quote) {
					if (peek(0) == quote) {
						i++;
						continue;
					}
					return;
				}
				if (c == '\n') {
					newLine(i);
				}
			}
			throw unterminated(what, startLine, startColumn, fix);
		}

		private void escapeString() {
			int startLine = line;
			int startColumn = i - lineStart;
			i++;
			while (i < n) {
				char c = at(i++);
				if (c == '\\' && i < n) {
					if (at(i++) == '\n') {
						newLine(i);
					}
				}
				else if (c == '\'') {
					if (peek(0) == '\'') {
						i++;
						continue;
					}
					return;
				}
				else if (c == '\n') {
					newLine(i);
				}
			}
			throw unterminated("escape string literal", startLine, startColumn, "close it with ' (write \\' or '' for a quote)");
		}

		/** The tag ({@code $tag$}) opening a dollar quote at {@code i}, or null if {@code $} does not open one. */
		private String dollarTag() {
			int j = i + 1;
			if (j < n && identifierStart(at(j))) {
				while (j < n && identifierPart(at(j)) && at(j) != '$') {
					j++;
				}
			}
			return j < n && at(j) == '$' ? s.substring(i, j + 1) : null;
		}

		private void dollarString(String tag, int startLine, int startColumn) {
			i += tag.length();
			int close = s.indexOf(tag, i);
			examined += (close < 0 ? n : close + tag.length()) - i;
			if (close < 0) {
				countLines(n);
				throw unterminated("dollar-quoted string " + tag, startLine, startColumn, "close it with " + tag);
			}
			countLines(close);
			i = close + tag.length();
		}

		private void number() {
			while (i < n && (Character.isDigit(at(i)) || at(i) == '.')) {
				i++;
			}
			if (i < n && (at(i) == 'e' || at(i) == 'E')
					&& (Character.isDigit(peek(1)) || (peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2)))) {
				i += 2;
				while (i < n && Character.isDigit(at(i))) {
					i++;
				}
			}
		}

		private void countLines(int end) {
			for (; i < end; i++) {
				if (at(i) == '\n') {
					newLine(i + 1);
				}
			}
		}

		private void newLine(int next) {
			line++;
			lineStart = next;
		}

		private char at(int index) {
			examined++;
			return s.charAt(index);
		}

		private char peek(int ahead) {
			return i + ahead < n ? at(i + ahead) : '\0';
		}

		private char before(int position) {
			return position > 0 ? at(position - 1) : '\0';
		}

		private static boolean identifierStart(char c) {
			return Character.isLetter(c) || c == '_';
		}

		private static boolean identifierPart(char c) {
			return Character.isLetterOrDigit(c) || c == '_' || c == '$';
		}

		private MigrationException unterminated(String what, int atLine, int atColumn, String fix) {
			return new MigrationException(name + ":" + atLine + ":" + atColumn + ": unterminated " + what
					+ " starting here runs to the end of the file; " + fix);
		}
	}
}
