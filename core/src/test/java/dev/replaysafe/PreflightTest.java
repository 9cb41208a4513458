package dev.replaysafe;

import dev.replaysafe.internal.audit.Preflight;
import dev.replaysafe.internal.dialect.SqliteDialect;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * What a file may not do, refused before anything runs in every audit mode: control the migration's
 * transaction, copy rows through the client, use psql's meta-commands (and name the history table,
 * see the bad-input corpus).
 */
class PreflightTest {

	/** Statements that end or change the migration's transaction, as written in the wild. */
	static final List<String> TRANSACTION_CONTROL = List.of("BEGIN", "begin", "BEGIN TRANSACTION", "BEGIN WORK",
			"BEGIN DEFERRED", "BEGIN IMMEDIATE TRANSACTION", "BEGIN EXCLUSIVE", "BEGIN ISOLATION LEVEL SERIALIZABLE",
			"START TRANSACTION", "START TRANSACTION READ ONLY", "COMMIT", "commit", "COMMIT WORK", "COMMIT TRANSACTION",
			"COMMIT AND CHAIN", "COMMIT PREPARED 'tx1'", "END", "END TRANSACTION", "END WORK", "ROLLBACK",
			"ROLLBACK WORK", "ROLLBACK TRANSACTION", "ROLLBACK AND NO CHAIN", "ROLLBACK PREPARED 'tx1'", "ABORT",
			"ABORT WORK", "PREPARE TRANSACTION 'tx1'", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
			"SET TRANSACTION READ ONLY", "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
			"SET LOCAL transaction_read_only = on", "SET default_transaction_read_only TO on",
			"set transaction_isolation = 'serializable'", "/* a comment first */ COMMIT");

	/** Statements that stay inside the transaction, or only mention the words. */
	static final List<String> NOT_TRANSACTION_CONTROL = List.of("SAVEPOINT s", "ROLLBACK TO s", "ROLLBACK TO SAVEPOINT s",
			"ROLLBACK TRANSACTION TO SAVEPOINT s", "ROLLBACK WORK TO s", "RELEASE s", "RELEASE SAVEPOINT s",
			"SET search_path = public", "PREPARE q AS SELECT 1", "SELECT 'BEGIN; COMMIT'",
			"CREATE TABLE IF NOT EXISTS begin_log (commit_id INT, rollback_at TEXT)",
			"UPDATE a SET note = 'x' WHERE note = 'commit'", "DO $$ BEGIN PERFORM 1; COMMIT; END $$",
			"CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$",
			"-- COMMIT in a comment\nSELECT 1");

	@ParameterizedTest
	@org.junit.jupiter.params.provider.FieldSource("TRANSACTION_CONTROL")
	void aTransactionControlStatementIsFoundByItsLeadingTokens(String sql) {
		assertThat(Preflight.transactionControl(statement(sql))).isNotNull();
	}

	@ParameterizedTest
	@org.junit.jupiter.params.provider.FieldSource("NOT_TRANSACTION_CONTROL")
	void aStatementInsideTheTransactionOrOnlyMentioningTheWordsIsNotTransactionControl(String sql) {
		assertThat(Preflight.transactionControl(statement(sql))).isNull();
	}

	/**
	 * A trigger or a {@code BEGIN ATOMIC} body as the lexer keeps it once it knows them,
	 * one statement from CREATE to the closing END; its inner BEGIN, COMMIT-free body and END are not
	 * leading tokens, so the check leaves it alone.
	 */
	@ParameterizedTest
	@ValueSource(strings = {
		"CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b WHERE id = NEW.id; END",
		"CREATE TEMP TRIGGER t BEFORE DELETE ON a FOR EACH ROW BEGIN UPDATE b SET n = n - 1; INSERT INTO c VALUES (1); END",
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
		"CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO a VALUES (1); END"})
	void aBodyKeptAsOneStatementIsNotTransactionControl(String sql) {
		assertThat(Preflight.transactionControl(asOneStatement(sql))).isNull();
	}

	@EachDatabase
	void everyTransactionControlStatementIsRefusedBeforeAnythingRunsInEveryAuditMode(Db db) {
		SoftAssertions soft = new SoftAssertions();
		for (String sql : TRANSACTION_CONTROL) {
			MigrationDir dir = cleanFirst().migration("0002_x", "CREATE TABLE IF NOT EXISTS b (id INT);\n" + sql
					+ ";\nCREATE TABLE IF NOT EXISTS c (id INT);\n", "DROP TABLE IF EXISTS b;");
			for (AuditMode mode : AuditMode.values()) {
				Throwable thrown = catchThrowable(() -> migrator(db, dir, mode).migrate());
				soft.assertThat(thrown).as("%s in %s mode", sql, mode).isInstanceOf(MigrationException.class)
					.hasMessageStartingWith("Refused before anything was applied")
					.hasMessageContaining(dir.path() + "/0002_x.sql:2: ")
					.hasMessageContaining("Fix: remove it");
			}
			soft.assertThat(db.hasTable("a")).as("%s: the clean first migration did not run", sql).isFalse();
			soft.assertThat(db.hasTable("_sqlx_migrations")).as("%s: no history table", sql).isFalse();
		}
		soft.assertAll();
	}

	@EachDatabase
	void theReportedShapesNoLongerBreakAtomicity(Db db) {
		// PostgreSQL kept a after COMMIT; with ROLLBACK the history said APPLIED and a was gone; SQLite wrote
		// the history row, then failed "cannot commit - no transaction is active".
		for (String body : List.of(
				"CREATE TABLE IF NOT EXISTS a (id INT);\nCOMMIT;\nINSERT INTO no_such (id) VALUES (1) ON CONFLICT DO NOTHING;",
				"CREATE TABLE IF NOT EXISTS a (id INT);\nROLLBACK;\n",
				"BEGIN;\nCREATE TABLE IF NOT EXISTS a (id INT);\nCOMMIT;\n",
				"-- replaysafe:no-transaction\nCREATE TABLE IF NOT EXISTS a (id INT);\nBEGIN;\n")) {
			MigrationDir dir = MigrationDir.create().migration("0001_x", body, "DROP TABLE IF EXISTS a;");

			assertThatThrownBy(() -> migrator(db, dir, AuditMode.OFF).migrate()).as(body)
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining(dir.path() + "/0001_x.sql:")
				.hasMessageContaining("split the file into separate migrations")
				.hasMessageContaining("-- replaysafe:no-transaction");
			assertThat(db.hasTable("a")).as(body).isFalse();
			assertThat(db.hasTable("_sqlx_migrations")).as(body).isFalse();
		}
	}

	@EachDatabase
	void everyProblemOfEveryPendingFileIsListedAtOnce(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "BEGIN;\nCREATE TABLE IF NOT EXISTS a (id INT);\nCOMMIT;\n", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);\n\\i more.sql\n", "DROP TABLE IF EXISTS b;");

		assertThatThrownBy(() -> migrator(db, dir, AuditMode.FAIL).migrate())
			.isInstanceOfSatisfying(MigrationException.class, e -> assertThat(e.problems())
				.extracting(p -> p.substring(0, p.indexOf(": ")))
				.containsExactly(dir.path() + "/0001_a.sql:1", dir.path() + "/0001_a.sql:3", dir.path() + "/0002_b.sql:2"));
	}

	@EachDatabase
	void savepointsAndWordsInStringsAndCommentsApply(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_a", """
				CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY, note TEXT);
				SAVEPOINT s;
				INSERT INTO a (id, note) VALUES (1, 'BEGIN; COMMIT; ROLLBACK; C:\\temp') ON CONFLICT DO NOTHING;
				ROLLBACK TO SAVEPOINT s;
				-- COMMIT; \\i more.sql, in a comment
				INSERT INTO a (id, note) VALUES (2, 'kept') ON CONFLICT DO NOTHING;
				RELEASE SAVEPOINT s;
				CREATE TABLE IF NOT EXISTS s (stdin TEXT, stdout TEXT);
				""", "DROP TABLE IF EXISTS s;\nDROP TABLE IF EXISTS a;");

		assertThat(migrator(db, dir, AuditMode.FAIL).migrate().applied()).hasSize(1);
		assertThat(db.queryLong("SELECT count(*) FROM a")).isEqualTo(1);
		assertThat(db.queryLong("SELECT id FROM a")).isEqualTo(2);
	}

	@Test
	void statementsInsideDollarQuotedBodiesAreNotRefusedOnPostgres() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = MigrationDir.create().migration("0001_a", """
					CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);
					-- replaysafe:allow postgres-only-syntax a PostgreSQL-only project
					DO $$ BEGIN INSERT INTO a (id) VALUES (1) ON CONFLICT DO NOTHING; END $$;
					-- replaysafe:allow postgres-only-syntax a PostgreSQL-only project
					CREATE OR REPLACE FUNCTION one() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END $body$;
					""", "DROP FUNCTION IF EXISTS one;\nDROP TABLE IF EXISTS a;");

			assertThat(migrator(db, dir, AuditMode.FAIL).migrate().applied()).hasSize(1);
			assertThat(db.queryLong("SELECT one() + count(*) FROM a")).isEqualTo(2);
		}
	}

	/** A SQLite trigger body holds semicolons and ends with END; it is one statement. */
	@Test
	void aSqliteTriggerWithABodyIsNotRefused() {
		try (Db db = TestDatabase.SQLITE.create()) {
			MigrationDir dir = MigrationDir.create().migration("0001_a", """
					CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);
					CREATE TABLE IF NOT EXISTS b (n INT);
					-- replaysafe:allow create-trigger a SQLite-only project
					CREATE TRIGGER IF NOT EXISTS a_count AFTER INSERT ON a
					BEGIN
					    INSERT INTO b (n) VALUES (NEW.id);
					    UPDATE b SET n = n WHERE n = NEW.id;
					END;
					INSERT INTO a (id) VALUES (7) ON CONFLICT DO NOTHING;
					""", "DROP TABLE IF EXISTS b;\nDROP TABLE IF EXISTS a;");

			assertThat(migrator(db, dir, AuditMode.WARN).migrate().applied()).hasSize(1);
			assertThat(db.queryLong("SELECT n FROM b")).isEqualTo(7);
		}
	}

	/** A PostgreSQL 14+ {@code BEGIN ATOMIC ... END} body is one statement. */
	@Test
	void aPostgresBeginAtomicBodyIsNotRefused() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = MigrationDir.create().migration("0001_a", """
					CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);
					CREATE OR REPLACE FUNCTION two() RETURNS int LANGUAGE sql
					BEGIN ATOMIC
					    SELECT 2;
					END;
					""", "DROP FUNCTION IF EXISTS two;\nDROP TABLE IF EXISTS a;");

			assertThat(migrator(db, dir, AuditMode.WARN).migrate().applied()).hasSize(1);
			assertThat(db.queryLong("SELECT two()")).isEqualTo(2);
		}
	}

	@EachDatabase
	void aDownThatControlsTheTransactionIsRefusedBeforeTheRollbackRunsAnything(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);", "DROP TABLE IF EXISTS b;\nCOMMIT;");
		migrator(db, dir, AuditMode.OFF).migrate();

		assertThatThrownBy(() -> Rollback.of(migrator(db, dir, AuditMode.OFF)).rollback(0))
			.hasMessageStartingWith("Refused before anything was rolled back")
			.hasMessageContaining(dir.path() + "/0002_b.down.sql:2: COMMIT commits the transaction");
		assertThat(db.hasTable("a")).isTrue();
		assertThat(db.hasTable("b")).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(2);
	}

	@Test
	void theAuditReportsTransactionControlInUpsAndDowns() {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);\nCOMMIT;", "DROP TABLE IF EXISTS a;\nEND;");

		List<Finding> findings = Migrator.builder(new org.sqlite.SQLiteDataSource()).locations(dir.location()).build()
			.audit();

		assertThat(findings).extracting(f -> f.rule() + " " + f.file().substring(f.file().lastIndexOf('/') + 1)
				+ ":" + f.line())
			.containsExactly("transaction-control 0001_a.sql:2", "transaction-control 0001_a.down.sql:2");
		assertThat(findings).allSatisfy(f -> assertThat(f.blocks()).isTrue());
	}

	/** Client commands: each refused at its own line, in every audit mode, nothing written. */
	record ClientCase(String up, int line, String says) {
	}

	static final List<ClientCase> CLIENT_COMMANDS = List.of(
			// Data rows with a quote: the file does not lex, and the error still points at the COPY.
			new ClientCase("CREATE TABLE IF NOT EXISTS p (id INT, name TEXT);\nCOPY p (id, name) FROM stdin;\n1\tO'Brien\n"
					+ "2\tSmith\n\\.\n", 2, "COPY ... FROM STDIN reads its rows from the client"),
			new ClientCase("CREATE TABLE IF NOT EXISTS p (id INT, name TEXT);\nCOPY p (id, name) FROM stdin;\n1\tSmith\n"
					+ "\\.\n", 2, "COPY ... FROM STDIN"),
			new ClientCase("COPY p FROM STDIN WITH (FORMAT csv);\n1,\"O'Brien\"\n\\.\n", 1, "COPY ... FROM STDIN"),
			new ClientCase("COPY (SELECT 1) TO STDOUT;\n", 1, "COPY ... TO STDOUT sends rows to the client"),
			new ClientCase("\\i other.sql\n", 1, "\\i is a psql meta-command"),
			new ClientCase("\\set ON_ERROR_STOP on\nCREATE TABLE IF NOT EXISTS p (id INT);\n", 1, "\\set is a psql meta-command"),
			new ClientCase("CREATE TABLE IF NOT EXISTS p (id INT);\n\\connect other\n", 2, "\\connect is a psql meta-command"),
			new ClientCase("\\copy p from 'p.csv'\n", 1, "\\copy is a psql meta-command"),
			new ClientCase("CREATE TABLE IF NOT EXISTS p (id INT);\n\\copy p from stdin\n1\tO'Brien\n\\.\n", 2,
					"\\copy is a psql meta-command"),
			new ClientCase("SELECT 'CREATE TABLE IF NOT EXISTS p (id INT)' \\gexec\n", 1, "\\gexec is a psql meta-command"),
			new ClientCase("-- a comment with 'a quote\n\\set x 'unterminated\n", 2, "\\set is a psql meta-command"));

	@EachDatabase
	void copyThroughTheClientAndPsqlMetaCommandsAreRefusedAtTheirLineBeforeAnythingRuns(Db db) {
		SoftAssertions soft = new SoftAssertions();
		for (ClientCase c : CLIENT_COMMANDS) {
			MigrationDir dir = cleanFirst().migration("0002_x", c.up(), "DROP TABLE IF EXISTS p;");
			for (AuditMode mode : AuditMode.values()) {
				Throwable thrown = catchThrowable(() -> migrator(db, dir, mode).migrate());
				soft.assertThat(thrown).as("%s in %s mode", c.up(), mode).isInstanceOf(MigrationException.class)
					.hasMessageContaining(dir.path() + "/0002_x.sql:" + c.line() + ": " + c.says());
			}
			soft.assertThat(db.hasTable("a")).as("%s: nothing ran", c.up()).isFalse();
			soft.assertThat(db.hasTable("_sqlx_migrations")).as("%s: no history", c.up()).isFalse();
		}
		soft.assertAll();
	}

	@Test
	void aFileThatDoesNotLexForAnotherReasonKeepsTheLexersError() {
		MigrationDir dir = cleanFirst().migration("0002_x", "-- copy from stdin, said the comment\nSELECT 'open;\n",
				"SELECT 1;");

		assertThatThrownBy(() -> Preflight.ups(Migrator.builder(new org.sqlite.SQLiteDataSource())
			.locations(dir.location()).build().migrations(), "_sqlx_migrations", new SqliteDialect()))
			.hasMessageContaining("0002_x.sql:2:8: unterminated string literal");
	}

	private static MigrationDir cleanFirst() {
		return MigrationDir.create().migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
	}

	private static Migrator migrator(Db db, MigrationDir dir, AuditMode mode) {
		return Migrator.builder(db.dataSource()).locations(dir.location()).audit(mode).build();
	}

	private static SqlStatement statement(String sql) {
		List<SqlStatement> statements = SqlScript.parse("x.sql", sql).statements();
		assertThat(statements).hasSize(1);
		return statements.get(0);
	}

	/** The statements of {@code sql} as one, the way a lexer that knows trigger bodies returns it. */
	private static SqlStatement asOneStatement(String sql) {
		List<SqlToken> tokens = new ArrayList<>();
		for (SqlStatement st : SqlScript.parse("x.sql", sql).statements()) {
			tokens.addAll(st.tokens());
		}
		return new SqlStatement(sql, 1, 1, 0, tokens);
	}
}
