package dev.replaysafe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

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

	/** Files lexed in this process, {@link #parse} and {@link #scan} alike: lets tests see that a cache spared the work. */
	private static final LongAdder FILES_LEXED = new LongAdder();

	/** Splits {@code text}; an unterminated string, identifier, comment or dollar quote is an error naming file:line:column. */
	public static SqlScript parse(String name, String text) {
		FILES_LEXED.increment();
		return new Lexer(name, text, null, null).run();
	}

	/**
	 * Splits {@code text} as {@link #parse} does, handing each statement to {@code statements} as soon
	 * as it ends and each comment to {@code comments} as it is read, and keeping neither: only one
	 * statement's tokens are alive at a time, so a file of any size is read in memory of the order of
	 * its largest statement (plus what the consumers keep). The statements and comments are exactly
	 * {@link #parse}'s, in the same order. A lexing error is thrown when it is reached, after the
	 * statements before it were handed over.
	 */
	public static void scan(String name, String text, Consumer<SqlStatement> statements, Consumer<SqlComment> comments) {
		FILES_LEXED.increment();
		new Lexer(name, text, statements, comments).run();
	}

	/** How many files were lexed in this process. */
	static long filesLexed() {
		return FILES_LEXED.sum();
	}

	/**
	 * How many characters the lexer reads to split {@code text} (an error included): a deterministic
	 * measure of its work, which the complexity test compares across input sizes.
	 */
	static long charactersExamined(String text) {
		Lexer lexer = new Lexer("-", text, null, null);
		try {
			lexer.run();
		}
		catch (MigrationException e) {
			// The work up to the error counts all the same.
		}
		return lexer.examined;
	}

	/** Whether the file's first line is the directive {@code -- replaysafe:<directive>}. */
	public boolean hasDirective(String directive) {
		return !comments.isEmpty() && comments.get(0).line() == 1
				&& comments.get(0).text().equalsIgnoreCase("replaysafe:" + directive);
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
		/** Where finished statements and comments go: the lists above, or a {@link #scan}'s consumers (then no segments are kept). */
		private final Consumer<SqlStatement> statementSink;
		private final Consumer<SqlComment> commentSink;
		private final boolean keepSegments;
		private List<SqlToken> tokens = new ArrayList<>();
		private int segmentStart;
		/** Characters read, for the test that holds the lexer to linear time (see {@link #charactersExamined}). */
		private long examined;

		Lexer(String name, String text, Consumer<SqlStatement> statements, Consumer<SqlComment> comments) {
			this.name = name;
			this.s = text;
			this.n = text.length();
			this.keepSegments = statements == null;
			this.statementSink = statements != null ? statements : this.statements::add;
			this.commentSink = comments != null ? comments : this.comments::add;
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
				// Handed over before the next is lexed: a scan keeps no earlier statement's tokens.
				statementSink.accept(new SqlStatement(s.substring(first.offset(), end), first.line(), first.column(),
						first.offset(), tokens));
				tokens = new ArrayList<>();
			}
			if (keepSegments && (i > segmentStart || segments.isEmpty() && n == 0)) {
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
			commentSink.accept(new SqlComment(s.substring(start, i).trim(), line));
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
						commentSink.accept(new SqlComment(s.substring(start, i - 2).trim(), startLine));
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
