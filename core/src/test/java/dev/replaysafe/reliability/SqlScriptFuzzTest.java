package dev.replaysafe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.replaysafe.MigrationException;
import dev.replaysafe.internal.sql.SqlComment;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * Property tests of the statement splitter over seeded random input (JUnit only: each seed is one
 * reproducible case, named in the report). Well-formed scripts are generated together with the
 * statements they must split into; arbitrary text must split losslessly or fail with the documented
 * "unterminated" error; an unterminated construct is reported at the line and column where it opens;
 * and the work grows linearly with the input.
 */
class SqlScriptFuzzTest {

	static IntStream seeds() {
		return IntStream.range(0, 400);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void aWellFormedScriptSplitsIntoExactlyItsStatementsAndJoinsBack(int seed) {
		Generated g = new Generator(new Random(seed)).script(12);

		SqlScript script = SqlScript.parse("fuzz.sql", g.text);

		assertThat(String.join("", script.segments())).isEqualTo(g.text);
		assertThat(script.statements()).extracting(SqlStatement::sql).containsExactlyElementsOf(g.statements);
		assertThat(script.comments()).hasSize(g.comments);
		assertThat(script.statements()).extracting(st -> st.tokens().stream().map(SqlToken::text).toList())
			.containsExactlyElementsOf(g.tokens);
		for (SqlStatement st : script.statements()) {
			assertThat(g.text.substring(st.offset(), st.offset() + st.sql().length())).isEqualTo(st.sql());
			assertThat(st.line()).isEqualTo(lineOf(g.text, st.offset()));
			assertThat(st.column()).isEqualTo(columnOf(g.text, st.offset()));
			for (SqlToken t : st.tokens()) {
				assertThat(g.text.startsWith(t.text(), t.offset())).isTrue();
				assertThat(t.offset()).isBetween(st.offset(), st.offset() + st.sql().length() - t.text().length());
			}
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void aScanHandsOverExactlyTheStatementsAndCommentsParseReturnsInOrder(int seed) {
		Random random = new Random(seed);
		String wellFormed = new Generator(random).script(12).text;
		String pool = ";;''\"\"$$$`--//**\n\n\r\t  EeAb_1.:?\\é𝄞\uFEFF(),";
		StringBuilder arbitrary = new StringBuilder();
		for (int i = random.nextInt(120); i > 0; i--) {
			arbitrary.append(pool.charAt(random.nextInt(pool.length())));
		}
		for (String input : List.of(wellFormed, arbitrary.toString())) {
			List<SqlStatement> scanned = new ArrayList<>();
			List<SqlComment> comments = new ArrayList<>();
			Throwable scanError = catchThrowable(() -> SqlScript.scan("fuzz.sql", input, scanned::add, comments::add));
			Throwable parseError = catchThrowable(() -> SqlScript.parse("fuzz.sql", input));

			if (parseError != null) {
				assertThat(scanError).as("input %s", input).isInstanceOf(MigrationException.class)
					.hasMessage(parseError.getMessage());
				continue;
			}
			SqlScript parsed = SqlScript.parse("fuzz.sql", input);
			assertThat(scanError).as("input %s", input).isNull();
			assertThat(scanned).as("input %s", input).isEqualTo(parsed.statements());
			assertThat(comments).as("input %s", input).isEqualTo(parsed.comments());
		}
	}

	@Test
	void aScanHandsOverEachStatementBeforeLexingTheNext() {
		List<String> seen = new ArrayList<>();
		Throwable thrown = catchThrowable(() -> SqlScript.scan("s.sql", "SELECT 1; SELECT 2; SELECT 'open",
				st -> seen.add(st.sql()), c -> {
				}));

		assertThat(seen).as("the statements before the error were handed over as they ended")
			.containsExactly("SELECT 1", "SELECT 2");
		assertThat(thrown).isInstanceOf(MigrationException.class).hasMessageStartingWith("s.sql:1:28: unterminated");
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void arbitraryTextSplitsLosslesslyOrFailsOnlyWithTheUnterminatedError(int seed) {
		Random random = new Random(seed);
		String pool = ";;''\"\"$$$`--//**\n\n\r\t  EeAb_1.:?\\é𝄞\uFEFF(),";
		for (int round = 0; round < 10; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(120);
			for (int i = 0; i < length; i++) {
				text.append(pool.charAt(random.nextInt(pool.length())));
			}
			String input = text.toString();

			Throwable thrown = catchThrowable(() -> {
				SqlScript script = SqlScript.parse("fuzz.sql", input);
				assertThat(String.join("", script.segments())).isEqualTo(input);
				for (SqlStatement st : script.statements()) {
					assertThat(input.substring(st.offset(), st.offset() + st.sql().length())).isEqualTo(st.sql());
					SqlToken last = st.tokens().get(st.tokens().size() - 1);
					assertThat(st.sql()).isNotBlank().endsWith(last.text());
				}
				// A segment ends with the ';' that ended its statement; only the last may end otherwise.
				for (String segment : script.segments().subList(0, script.segments().size() - 1)) {
					assertThat(segment).endsWith(";");
				}
			});

			if (thrown != null) {
				assertThat(thrown).as("input %s", input).isInstanceOf(MigrationException.class)
					.hasMessageStartingWith("fuzz.sql:").hasMessageContaining(": unterminated ");
			}
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void anUnterminatedConstructIsReportedWhereItOpens(int seed) {
		Random random = new Random(seed);
		Generator gen = new Generator(random);
		String prefix = gen.script(3).text + (random.nextBoolean() ? "\n" : " ") + "SELECT ";
		String[][] openers = {
			{"'", "string literal", "'"},
			{"E'", "escape string literal", "'\\"},
			{"\"", "quoted identifier", "\""},
			{"/*", "block comment", "*/"},
			{"$body$", "dollar-quoted string $body$", "$"},
			{"$$", "dollar-quoted string $$", "$"},
		};
		String[] opener = openers[random.nextInt(openers.length)];
		String tail = gen.text(40, opener[2]);
		String input = prefix + opener[0] + tail;

		Throwable thrown = catchThrowable(() -> SqlScript.parse("u.sql", input));

		assertThat(thrown).as("input %s", input).isInstanceOf(MigrationException.class)
			.hasMessageStartingWith("u.sql:" + lineOf(input, prefix.length()) + ":" + columnOf(input, prefix.length())
					+ ": unterminated " + opener[1] + " starting here runs to the end of the file; ");
	}

	@Test
	void theWorkGrowsLinearlyWithTheInput() throws Exception {
		// Inputs chosen to trip a lexer that rescans: many dollar signs that open nothing, long
		// identifiers full of $, deep comment nesting, near-miss dollar tags, quote-heavy strings,
		// many tiny statements, and an unterminated quote whose error needs the whole file read.
		List<Function<Integer, String>> shapes = List.of(
				size -> repeat("$a ", size),
				size -> "$" + repeat("a$b", size),
				size -> repeat("/*", size / 4) + repeat("*/", size / 4),
				size -> "$tag$" + repeat("$ta $tag $tagg$", size) + "$tag$",
				size -> "SELECT '" + repeat("''x", size) + "';",
				size -> repeat("SELECT 1;", size),
				size -> repeat("E'\\'\\\\'", size),
				size -> "SELECT '" + repeat("x;-- ", size),
				size -> repeat("-- c\n", size),
				size -> "$$" + repeat("$", size),
				size -> "CREATE TRIGGER t AFTER INSERT ON x BEGIN " + repeat("SELECT 1; ", size),
				size -> "CREATE FUNCTION f() BEGIN ATOMIC " + repeat("SELECT CASE WHEN x THEN 1 END; ", size),
				size -> repeat("(", size / 2) + repeat(";)", size / 2),
				size -> repeat("CREATE FUNCTION f() BEGIN; END; ", size));
		Method examined = SqlScript.class.getDeclaredMethod("charactersExamined", String.class);
		examined.setAccessible(true);
		for (Function<Integer, String> shape : shapes) {
			String small = shape.apply(128 * 1024);
			String large = shape.apply(1024 * 1024);
			long smallWork = (long) examined.invoke(null, small);
			long largeWork = (long) examined.invoke(null, large);
			double ratio = (double) largeWork / smallWork;

			assertThat(ratio).as("work ratio for 8x input starting %s", small.substring(0, 12)).isBetween(7.0, 9.0);
			assertThat(largeWork).as("characters read per input character").isLessThanOrEqualTo(4L * large.length());
		}
	}

	/** {@code unit} repeated until the text is {@code size} characters (cut there). */
	private static String repeat(String unit, int size) {
		return unit.repeat(size / unit.length() + 1).substring(0, size);
	}

	static int lineOf(String text, int offset) {
		return 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
	}

	static int columnOf(String text, int offset) {
		return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
	}

	/** A script and what it must split into. */
	record Generated(String text, List<String> statements, List<List<String>> tokens, int comments) {
	}

	/** Builds random well-formed SQL from the constructs the lexer knows, keeping track of the statements. */
	static final class Generator {

		private static final String CONTENT = ";'\"$`-/*\n\\ab Zé𝄞\t(),:?E";

		private final Random random;
		private final StringBuilder out = new StringBuilder();
		private int comments;
		private List<String> tokens = new ArrayList<>();
		/** Whether the next token is the statement's first (no separator before it). */
		private boolean fresh;
		private int parenDepth;

		Generator(Random random) {
			this.random = random;
		}

		Generated script(int maxStatements) {
			List<String> statements = new ArrayList<>();
			List<List<String>> tokenTexts = new ArrayList<>();
			int count = random.nextInt(maxStatements + 1);
			for (int s = 0; s < count; s++) {
				trivia();
				if (random.nextInt(8) == 0) {
					out.append(';');
					continue;
				}
				int start = out.length();
				tokens = new ArrayList<>();
				tokenTexts.add(tokens);
				fresh = true;
				if (random.nextInt(4) == 0) {
					statementWithSemicolons();
				}
				else {
					tokens(1 + random.nextInt(8));
				}
				statements.add(out.substring(start));
				trivia();
				boolean last = s == count - 1;
				if (!last || random.nextBoolean()) {
					out.append(';');
				}
			}
			trivia();
			return new Generated(out.toString(), statements, tokenTexts, comments);
		}

		/** Random text of at most {@code max} characters containing none of {@code excluded}. */
		String text(int max, String excluded) {
			StringBuilder b = new StringBuilder();
			int length = random.nextInt(max + 1);
			int[] pool = CONTENT.codePoints().filter(c -> excluded.indexOf(c) < 0).toArray();
			for (int i = 0; i < length; i++) {
				b.appendCodePoint(pool[random.nextInt(pool.length)]);
			}
			return b.toString();
		}

		private void trivia() {
			int n = random.nextInt(3);
			for (int i = 0; i < n; i++) {
				separator();
			}
		}

		/** White space, then maybe a comment: tokens never touch, so each keeps its meaning. */
		private void separator() {
			out.append(new String[] {" ", "\n", "\t", "\r\n", "  \n "}[random.nextInt(5)]);
			switch (random.nextInt(6)) {
				case 0 -> {
					out.append("--").append(text(20, "\n")).append('\n');
					comments++;
				}
				case 1 -> {
					out.append(blockComment(random.nextInt(3))).append(' ');
					comments++;
				}
				default -> {
				}
			}
		}

		private String blockComment(int depth) {
			String inner = text(15, "*/");
			return "/*" + inner + (depth > 0 ? blockComment(depth - 1) : "") + text(15, "*/") + "*/";
		}

		/**
		 * A statement both reference clients keep whole although it holds semicolons: a BEGIN ATOMIC
		 * body (psql), a rule with a parenthesised action list (psql), a trigger body (SQLite); or a
		 * PostgreSQL trigger, which has no BEGIN and ends at its first semicolon.
		 */
		private void statementWithSemicolons() {
			switch (random.nextInt(4)) {
				case 0 -> {
					emit(anyCase("create"));
					if (random.nextBoolean()) {
						emit(anyCase("or"));
						emit(anyCase("replace"));
					}
					emit(anyCase(random.nextBoolean() ? "function" : "procedure"));
					emit("f" + random.nextInt(10));
					group();
					tokens(random.nextInt(3));
					emit(anyCase("begin"));
					emit(anyCase("atomic"));
					body();
				}
				case 1 -> {
					for (String word : "CREATE RULE r AS ON INSERT TO t DO ALSO".split(" ")) {
						emit(word);
					}
					emit("(");
					for (int k = random.nextInt(3); k >= 0; k--) {
						tokens(1 + random.nextInt(3));
						if (k > 0 || random.nextBoolean()) {
							emit(";");
						}
					}
					emit(")");
				}
				case 2 -> {
					if (random.nextInt(4) == 0) {
						emit(anyCase("explain"));
					}
					emit(anyCase("create"));
					if (random.nextBoolean()) {
						emit(anyCase(random.nextBoolean() ? "temp" : "temporary"));
					}
					for (String word : "TRIGGER tr AFTER INSERT ON t".split(" ")) {
						emit(anyCase(word));
					}
					emit(anyCase("begin"));
					body();
				}
				default -> {
					for (String word : "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f".split(" ")) {
						emit(word);
					}
					group();
				}
			}
		}

		/** Statements each ending in ';', some with CASE ... END, then END. */
		private void body() {
			for (int k = random.nextInt(3); k >= 0; k--) {
				if (random.nextBoolean()) {
					emit("SELECT");
					emit(anyCase("case"));
					emit("WHEN");
					tokens(1);
					emit("THEN");
					tokens(1);
					emit(anyCase("end"));
				}
				else {
					tokens(1 + random.nextInt(4));
				}
				emit(";");
			}
			emit(anyCase("end"));
		}

		private String anyCase(String word) {
			return switch (random.nextInt(3)) {
				case 0 -> word.toUpperCase(java.util.Locale.ROOT);
				case 1 -> word;
				default -> Character.toUpperCase(word.charAt(0)) + word.substring(1);
			};
		}

		/** {@code text} as the next token. */
		private void emit(String text) {
			space();
			out.append(text);
			tokens.add(text);
		}

		private void tokens(int count) {
			for (int t = 0; t < count; t++) {
				token();
			}
		}

		/** A separator unless this is the statement's first token. */
		private void space() {
			if (!fresh) {
				separator();
			}
			fresh = false;
		}

		/** Balanced parentheses around random tokens and semicolons: psql does not split inside them. */
		private void group() {
			parenDepth++;
			emit("(");
			for (int t = random.nextInt(4); t > 0; t--) {
				if (random.nextInt(4) == 0) {
					emit(";");
				}
				else {
					token();
				}
			}
			emit(")");
			parenDepth--;
		}

		private void token() {
			if (parenDepth < 2 && random.nextInt(12) == 0) {
				group();
				return;
			}
			space();
			int start = out.length();
			switch (random.nextInt(11)) {
				case 0 -> out.append(new String[] {"SELECT", "insert", "_t1", "a$b", "Ü", "e", "CREATE"}[random.nextInt(7)]);
				case 1 -> out.append(new String[] {"1", "2.5", "3e10", ".5", "7E-3"}[random.nextInt(5)]);
				case 2 -> out.append('\'').append(text(20, "").replace("'", "''")).append('\'');
				case 3 -> out.append(random.nextBoolean() ? "E'" : "e'").append(escapeBody()).append('\'');
				case 4 -> out.append('"').append(text(12, "").replace("\"", "\"\"")).append('"');
				case 5 -> out.append('`').append(text(12, "`")).append('`');
				case 6 -> out.append(dollarQuoted());
				case 7 -> out.append(new String[] {"$1", "?", ":name", "@p"}[random.nextInt(4)]);
				case 8 -> out.append(new String[] {",", "=", "::", "*", "+", "<", "."}[random.nextInt(7)]);
				case 9 -> out.append("x::int");
				default -> out.append("t").append(random.nextInt(100));
			}
			String text = out.substring(start);
			tokens.addAll(text.equals("x::int") ? List.of("x", "::", "int") : List.of(text));
		}

		private String escapeBody() {
			StringBuilder b = new StringBuilder();
			int n = random.nextInt(10);
			for (int i = 0; i < n; i++) {
				switch (random.nextInt(5)) {
					case 0 -> b.append("\\'");
					case 1 -> b.append("\\\\");
					case 2 -> b.append("''");
					case 3 -> b.append("\\n");
					default -> b.append(text(4, "'\\"));
				}
			}
			return b.toString();
		}

		private String dollarQuoted() {
			String tag = "$" + new String[] {"", "a", "tag", "x_1", "body"}[random.nextInt(5)] + "$";
			String body;
			do {
				body = text(25, "");
			}
			while ((body + tag).indexOf(tag) != body.length());
			return tag + body + tag;
		}
	}
}
