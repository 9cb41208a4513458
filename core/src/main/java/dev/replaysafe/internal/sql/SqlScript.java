package dev.replaysafe.internal.sql;

import dev.replaysafe.MigrationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A SQL file split into statements by a real lexer: {@code --} and block comments (nested, as
 * PostgreSQL reads them), {@code '...'} strings with {@code ''}, {@code E'...'} strings with
 * backslash escapes, {@code "..."} and backtick identifiers, and PostgreSQL dollar quotes
 * ({@code $$...$$}, {@code $tag$...$tag$}). A semicolon ends a statement only outside all of these,
 * and only where both reference clients end one:
 * <ul>
 * <li>psql ({@code src/fe_utils/psqlscan.l}): not inside parentheses (so
 * {@code CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT ...; INSERT ...)} is one statement), and not
 * inside a {@code BEGIN ... END} of a statement whose first identifiers are
 * {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} (SQL-standard bodies, {@code BEGIN ATOMIC ...; END}).
 * As in psql, outside parentheses {@code BEGIN} opens a level, {@code CASE} opens one only inside a
 * {@code BEGIN}, and {@code END} closes one; so a function named {@code begin} confuses it as it confuses psql.</li>
 * <li>SQLite ({@code sqlite3_complete()}, {@code src/complete.c}, whose state machine is followed):
 * after {@code [EXPLAIN ...] CREATE [TEMP|TEMPORARY] TRIGGER ... BEGIN}, only the {@code ;} of
 * {@code ; END ;} ends the statement. A {@code CASE ... END;} in the body does not: only an
 * {@code END} right after a {@code ;} counts. One difference: before the trigger's {@code BEGIN}, a
 * {@code ;} outside parentheses ends it, where complete.c would go on to the next {@code ; END ;}. In SQLite such a
 * trigger is a syntax error however it is cut; in PostgreSQL it is every trigger
 * ({@code ... EXECUTE FUNCTION f();}).</li>
 * </ul>
 * The two rules never hold the same statement open, so one lexer serves both databases. A
 * {@code ;} that does not end a statement is a {@link SqlToken.Kind#SYMBOL} token of it. At the end
 * of the file whatever is left is the last statement, as both clients send it.
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
	public static long filesLexed() {
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
	public static boolean hasDirective(String text, String directive) {
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
		/** Where finished statements and comments go: the lists above, or a {@link #scan}'s consumers (then no segments are kept). */
		private final Consumer<SqlStatement> statementSink;
		private final Consumer<SqlComment> commentSink;
		private final boolean keepSegments;
		private List<SqlToken> tokens = new ArrayList<>();
		private int segmentStart;
		/** Characters read, for the test that holds the lexer to linear time (see {@link #charactersExamined}). */
		private long examined;
		private final Split split = new Split();

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
				if (c == ';' && split.semicolonEnds()) {
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
			SqlToken token = new SqlToken(kind, s.substring(start, i), start, startLine, startColumn);
			tokens.add(token);
			split.observe(token, kind == SqlToken.Kind.WORD && i - start == 1 ? peek(0) : '\0');
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
			return new MigrationException(MigrationException.Kind.INVALID_FILES, name + ":" + atLine + ":" + atColumn
					+ ": unterminated " + what
					+ " starting here runs to the end of the file; " + fix);
		}
	}

	/**
	 * Decides whether a semicolon ends a statement, the way both reference clients do: it ends one
	 * only where psql's scanner and SQLite's {@code sqlite3_complete()} would both end one. Each is
	 * followed on the tokens as its original does; the two never keep the same statement open
	 * (psql's rule needs {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, SQLite's
	 * {@code CREATE [TEMP] TRIGGER ... BEGIN}), so one lexer serves both databases.
	 */
	private static final class Split {

		// sqlite3_complete()'s states (src/complete.c), numbered as there.
		private static final int START = 1;
		private static final int TRIGGER = 5;

		// Its tokens; white space and comments, its tkWS, never reach here.
		private static final int SEMI = 0;
		private static final int OTHER = 1;
		private static final int EXPLAIN = 2;
		private static final int CREATE = 3;
		private static final int TEMP = 4;
		private static final int TRIGGER_WORD = 5;
		private static final int END = 6;

		/** complete.c's transition table without its white space column: {@code TRANS[state][token]}. */
		private static final int[][] TRANS = {
			// SEMI OTHER EXPLAIN CREATE TEMP TRIGGER END
			{1, 2, 3, 4, 2, 2, 2}, // 0 NOTHING
			{1, 2, 3, 4, 2, 2, 2}, // 1 START
			{1, 2, 2, 2, 2, 2, 2}, // 2 NORMAL
			{1, 3, 2, 4, 2, 2, 2}, // 3 EXPLAIN: any words may follow it before CREATE
			{1, 2, 2, 2, 4, 5, 2}, // 4 CREATE [TEMP|TEMPORARY]...
			{6, 5, 5, 5, 5, 5, 5}, // 5 TRIGGER: inside CREATE TRIGGER
			{6, 5, 5, 5, 5, 5, 7}, // 6 SEMI: a ';' inside it
			{1, 5, 5, 5, 5, 5, 5}, // 7 END: '; END', so the next ';' ends it
		};

		// psql (src/fe_utils/psqlscan.l): parentheses, and BEGIN ... END in CREATE FUNCTION/PROCEDURE.
		private int parenDepth;
		private int beginDepth;
		private int identifierCount;
		private final char[] identifiers = new char[4];

		private int sqliteState;
		/**
		 * Whether the trigger has reached its BEGIN (outside parentheses). complete.c holds every ';'
		 * after CREATE TRIGGER until '; END ;'; a trigger with a ';' before BEGIN is a syntax error in
		 * SQLite whichever way it is cut, and is how every PostgreSQL trigger ends
		 * ({@code EXECUTE FUNCTION f();}): there a ';' outside parentheses ends the statement.
		 */
		private boolean triggerBody;

		/** Reads a ';' outside strings and comments: whether it ends the statement. */
		boolean semicolonEnds() {
			boolean psqlEnds = parenDepth == 0 && beginDepth == 0;
			sqliteState = sqliteState == TRIGGER && !triggerBody && parenDepth == 0 ? START : TRANS[sqliteState][SEMI];
			if (psqlEnds) {
				identifierCount = 0;
			}
			if (sqliteState == START) {
				triggerBody = false;
			}
			return psqlEnds && sqliteState == START;
		}

		/**
		 * Reads a token, a ';' that did not end the statement included; {@code next} is the character
		 * after a one-letter word (psql reads {@code B'...'}, {@code X'...'}, {@code N'...'}, {@code U&...} as no identifier).
		 */
		void observe(SqlToken token, char next) {
			String text = token.text();
			if (token.kind() == SqlToken.Kind.SYMBOL && text.equals("(")) {
				parenDepth++;
			}
			else if (token.kind() == SqlToken.Kind.SYMBOL && text.equals(")") && parenDepth > 0) {
				parenDepth--;
			}
			if (token.kind() == SqlToken.Kind.SYMBOL && text.equals(";")) {
				return;
			}
			String identifier = psqlIdentifier(token, next);
			if (identifier != null) {
				psqlIdentifier(identifier);
			}
			int kind = sqliteToken(token);
			sqliteState = TRANS[sqliteState][kind];
			if (sqliteState == TRIGGER && parenDepth == 0 && token.is("BEGIN")) {
				triggerBody = true;
			}
		}

		/** psqlscan.l's {identifier} rule: the first four identifiers tell CREATE [OR REPLACE] FUNCTION|PROCEDURE. */
		private void psqlIdentifier(String word) {
			if (identifierCount == 0) {
				java.util.Arrays.fill(identifiers, '\0');
			}
			if (identifierCount < identifiers.length && (word.equalsIgnoreCase("create") || word.equalsIgnoreCase("function")
					|| word.equalsIgnoreCase("procedure") || word.equalsIgnoreCase("or") || word.equalsIgnoreCase("replace"))) {
				identifiers[identifierCount] = Character.toLowerCase(word.charAt(0));
			}
			identifierCount++;
			boolean routine = identifiers[0] == 'c' && (identifiers[1] == 'f' || identifiers[1] == 'p'
					|| identifiers[1] == 'o' && identifiers[2] == 'r' && (identifiers[3] == 'f' || identifiers[3] == 'p'));
			if (routine && parenDepth == 0) {
				if (word.equalsIgnoreCase("begin")) {
					beginDepth++;
				}
				else if (word.equalsIgnoreCase("case")) {
					// CASE also ends with END; psql counts it only inside a BEGIN.
					if (beginDepth >= 1) {
						beginDepth++;
					}
				}
				else if (word.equalsIgnoreCase("end") && beginDepth > 0) {
					beginDepth--;
				}
			}
		}

		/** The identifier psql's scanner sees in {@code token}, or null. */
		private static String psqlIdentifier(SqlToken token, char next) {
			String text = token.text();
			return switch (token.kind()) {
				case WORD -> text.length() == 1 && ("bBxXnN".indexOf(text.charAt(0)) >= 0 && next == '\''
						|| "uU".indexOf(text.charAt(0)) >= 0 && next == '&') ? null : text;
				// psql reads ?name and @name as an operator and an identifier; :name is a psql variable.
				case PLACEHOLDER -> (text.charAt(0) == '?' || text.charAt(0) == '@') && text.length() > 1
						&& Lexer.identifierStart(text.charAt(1)) ? text.substring(1) : null;
				default -> null;
			};
		}

		/** complete.c's token for {@code token}: its keywords are bare words. */
		private static int sqliteToken(SqlToken token) {
			if (token.kind() != SqlToken.Kind.WORD) {
				return OTHER;
			}
			String word = token.text();
			if (word.equalsIgnoreCase("create")) {
				return CREATE;
			}
			if (word.equalsIgnoreCase("temp") || word.equalsIgnoreCase("temporary")) {
				return TEMP;
			}
			if (word.equalsIgnoreCase("trigger")) {
				return TRIGGER_WORD;
			}
			if (word.equalsIgnoreCase("end")) {
				return END;
			}
			return word.equalsIgnoreCase("explain") ? EXPLAIN : OTHER;
		}
	}
}
