package dev.replaysafe.internal.sql;

import dev.replaysafe.MigrationException;
import dev.replaysafe.internal.sql.SqlComment;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

	private static List<String> split(String sql) {
		return SqlScript.parse("t.sql", sql).statements().stream().map(SqlStatement::sql).toList();
	}

	@Test
	void splitsOnSemicolonsAndDropsTheTerminator() {
		assertThat(split("CREATE TABLE a (x INT);\nCREATE TABLE b (y INT);"))
			.containsExactly("CREATE TABLE a (x INT)", "CREATE TABLE b (y INT)");
	}

	@Test
	void ignoresSemicolonsInStringsIdentifiersAndComments() {
		String sql = "INSERT INTO t VALUES ('a;b', 'it''s;');\n"
				+ "SELECT \"odd;name\" FROM t; -- trailing; comment\n"
				+ "/* block; /* nested; */ still; */ SELECT 1;";
		assertThat(split(sql)).containsExactly("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT \"odd;name\" FROM t",
				"SELECT 1");
	}

	@Test
	void keepsDollarQuotedBodiesWhole() {
		String sql = "DO $$ BEGIN PERFORM 1; END $$;\nCREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql;";
		assertThat(split(sql)).containsExactly("DO $$ BEGIN PERFORM 1; END $$",
				"CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql");
	}

	@Test
	void keepsABeginAtomicBodyWholeAsPsqlDoes() {
		String function = "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"
				+ "  SELECT CASE WHEN x > 0 THEN x ELSE 0 END;\nEND";
		String procedure = "create procedure p() language sql begin atomic insert into t values (1); end";
		assertThat(split(function + ";\n" + procedure + ";\nSELECT f(1);"))
			.containsExactly(function, procedure, "SELECT f(1)");
	}

	@Test
	void countsBeginAndCaseOnlyInFunctionsAndProceduresAsPsqlDoes() {
		// Outside CREATE FUNCTION/PROCEDURE, and outside a BEGIN, BEGIN and CASE ... END change nothing.
		assertThat(split("BEGIN; SELECT CASE WHEN true THEN 1 END; COMMIT;"))
			.containsExactly("BEGIN", "SELECT CASE WHEN true THEN 1 END", "COMMIT");
		assertThat(split("CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END; SELECT 2;"))
			.containsExactly("CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN CASE WHEN x > 0 THEN 1 END", "SELECT 2");
		// psql tracks only the first identifiers of the statement: CREATE must open it.
		assertThat(split("SELECT 1 create function BEGIN; SELECT 2;")).containsExactly("SELECT 1 create function BEGIN",
				"SELECT 2");
	}

	@Test
	void doesNotSplitInsideParenthesesAsPsqlDoes() {
		String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (NEW.x); INSERT INTO b VALUES (NEW.x))";
		SqlScript script = SqlScript.parse("t.sql", rule + ";\nSELECT 1;");

		assertThat(script.statements()).extracting(SqlStatement::sql).containsExactly(rule, "SELECT 1");
		assertThat(script.statements().get(0).tokens()).filteredOn(t -> t.text().equals(";")).singleElement()
			.extracting(SqlToken::kind).isEqualTo(SqlToken.Kind.SYMBOL);
	}

	@Test
	void keepsASqliteTriggerBodyWholeAsSqlite3CompleteDoes() {
		String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  INSERT INTO l VALUES (new.x);\n"
				+ "  UPDATE l SET y = CASE WHEN new.x > 0 THEN 1 END;\nEND";
		String temp = "CREATE TEMPORARY TRIGGER tr2 AFTER DELETE ON t BEGIN DELETE FROM l; END";
		String explained = "EXPLAIN QUERY PLAN CREATE TEMP TRIGGER tr3 AFTER DELETE ON t BEGIN SELECT 1; END";
		assertThat(split(trigger + ";\n" + temp + " ;\n" + explained + "; SELECT 1;"))
			.containsExactly(trigger, temp, explained, "SELECT 1");
	}

	@Test
	void endsAPostgresTriggerWithoutBeginAtItsSemicolon() {
		assertThat(split("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f(); SELECT 1; END;"))
			.containsExactly("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", "SELECT 1", "END");
	}

	@Test
	void aBodyLeftOpenRunsToTheEndOfTheFileAsBothClientsSendIt() {
		assertThat(split("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2;"))
			.containsExactly("CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2;");
		assertThat(split("SELECT (1; SELECT 2")).containsExactly("SELECT (1; SELECT 2");
	}

	@Test
	void readsEscapeStringsWithBackslashQuotes() {
		assertThat(split("SELECT E'it\\'s;'; SELECT 2;")).containsExactly("SELECT E'it\\'s;'", "SELECT 2");
	}

	@Test
	void tellsPlaceholdersFromCastsAndDollarQuotes() {
		SqlStatement st = SqlScript.parse("t.sql", "SELECT $1, ?, :name, x::text, $$a$$").statements().get(0);
		assertThat(st.tokens()).extracting(SqlToken::kind).containsExactly(SqlToken.Kind.WORD,
				SqlToken.Kind.PLACEHOLDER, SqlToken.Kind.SYMBOL, SqlToken.Kind.PLACEHOLDER, SqlToken.Kind.SYMBOL,
				SqlToken.Kind.PLACEHOLDER, SqlToken.Kind.SYMBOL, SqlToken.Kind.WORD, SqlToken.Kind.SYMBOL,
				SqlToken.Kind.WORD, SqlToken.Kind.SYMBOL, SqlToken.Kind.DOLLAR_STRING);
	}

	@Test
	void givesEachStatementTheLineAndColumnOfItsFirstToken() {
		List<SqlStatement> statements = SqlScript.parse("t.sql", "-- header\n\n  SELECT 1;\n/* x\n */ SELECT\n 2;")
			.statements();
		assertThat(statements).extracting(SqlStatement::line).containsExactly(3, 5);
		assertThat(statements).extracting(SqlStatement::column).containsExactly(3, 5);
	}

	@Test
	void segmentsJoinBackToTheInput() {
		String sql = "\uFEFF-- c\nSELECT 1;;  SELECT 'x;' ; -- end";
		assertThat(String.join("", SqlScript.parse("t.sql", sql).segments())).isEqualTo(sql);
	}

	@Test
	void collectsCommentsForDirectives() {
		SqlScript script = SqlScript.parse("t.sql", "-- replaysafe:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (x);");
		assertThat(script.hasDirective("no-transaction")).isTrue();
		assertThat(script.comments()).extracting(SqlComment::line).containsExactly(1);
	}

	@Test
	void unterminatedStringNamesFileLineAndColumn() {
		assertThatThrownBy(() -> SqlScript.parse("0003_x.sql", "SELECT 1;\nINSERT INTO t VALUES ('oops);\n"))
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("0003_x.sql:2:23: unterminated string literal");
	}

	@Test
	void unterminatedDollarQuoteAndCommentAreErrors() {
		assertThatThrownBy(() -> SqlScript.parse("f.sql", "DO $body$ BEGIN")).hasMessageContaining(
				"f.sql:1:4: unterminated dollar-quoted string $body$");
		assertThatThrownBy(() -> SqlScript.parse("f.sql", "SELECT 1; /* open")).hasMessageContaining(
				"f.sql:1:11: unterminated block comment");
		assertThatThrownBy(() -> SqlScript.parse("f.sql", "SELECT \"x")).hasMessageContaining(
				"unterminated quoted identifier");
	}
}
