package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.replaysafe.internal.audit.FileAudit;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

import org.junit.jupiter.api.Test;

/**
 * The replay rules proven on the databases, not assumed: each flagged statement fails when run a
 * second time (or does something again), and each suggested fix runs twice with the same result.
 * Each case runs on the databases the statement exists on (PostgreSQL; triggers on SQLite too).
 */
class ReplayRulesTest {

	/** A rule, the set-up, the flagged statement, a fragment of its second run's error, and the fix's statements. */
	record Case(String rule, List<String> setup, String flagged, String error, List<String> fixed) {
	}

	private static final List<String> NOTES = List.of("CREATE TABLE notes (id INT, title VARCHAR(9))");

	private static final List<Case> POSTGRES = List.of(
			new Case("add-constraint-without-guard", NOTES, "ALTER TABLE notes ADD CONSTRAINT ck_id CHECK (id > 0)",
					"already exists", List.of("ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_id",
							"ALTER TABLE notes ADD CONSTRAINT ck_id CHECK (id > 0)")),
			new Case("add-constraint-without-guard", NOTES, "ALTER TABLE notes ADD PRIMARY KEY (id)",
					"multiple primary keys", List.of("ALTER TABLE notes DROP CONSTRAINT IF EXISTS notes_pkey",
							"ALTER TABLE notes ADD CONSTRAINT notes_pkey PRIMARY KEY (id)")),
			new Case("drop-constraint-without-if-exists", List.of("CREATE TABLE notes (id INT CONSTRAINT ck CHECK (id > 0))"),
					"ALTER TABLE notes DROP CONSTRAINT ck", "does not exist",
					List.of("ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck")),
			new Case("alter-type-add-value-without-if-not-exists", List.of("CREATE TYPE mood AS ENUM ('sad')"),
					"ALTER TYPE mood ADD VALUE 'happy'", "already exists",
					List.of("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'happy'")),
			new Case("create-function-without-or-replace", List.of(),
					"CREATE FUNCTION one() RETURNS INT LANGUAGE sql AS $$ SELECT 1 $$", "already exists",
					List.of("CREATE OR REPLACE FUNCTION one() RETURNS INT LANGUAGE sql AS $$ SELECT 1 $$")),
			new Case("create-function-without-or-replace", List.of(),
					"CREATE PROCEDURE touch() LANGUAGE sql AS $$ SELECT 1 $$", "already exists",
					List.of("CREATE OR REPLACE PROCEDURE touch() LANGUAGE sql AS $$ SELECT 1 $$")),
			new Case("create-trigger-without-guard", List.of(NOTES.get(0), "CREATE FUNCTION touch() RETURNS trigger "
					+ "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"),
					"CREATE TRIGGER tr BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch()", "already exists",
					List.of("DROP TRIGGER IF EXISTS tr ON notes",
							"CREATE TRIGGER tr BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch()")),
			new Case("create-trigger-without-guard", List.of(NOTES.get(0), "CREATE FUNCTION touch() RETURNS trigger "
					+ "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"),
					"CREATE TRIGGER tr BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch()", "already exists",
					List.of("CREATE OR REPLACE TRIGGER tr BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION touch()")),
			new Case("create-policy-without-guard", NOTES, "CREATE POLICY own ON notes USING (true)", "already exists",
					List.of("DROP POLICY IF EXISTS own ON notes", "CREATE POLICY own ON notes USING (true)")),
			new Case("create-extension-without-if-not-exists", List.of(), "CREATE EXTENSION pgcrypto", "already exists",
					List.of("CREATE EXTENSION IF NOT EXISTS pgcrypto")),
			new Case("rename", List.of("CREATE TABLE notes (id INT CONSTRAINT ck CHECK (id > 0))"),
					"ALTER TABLE notes RENAME CONSTRAINT ck TO ck_notes", "does not exist",
					List.of("ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck",
							"ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_notes",
							"ALTER TABLE notes ADD CONSTRAINT ck_notes CHECK (id > 0)")));

	private static final List<Case> SQLITE = List.of(
			new Case("create-trigger-without-guard", NOTES, "CREATE TRIGGER tr AFTER UPDATE ON notes BEGIN SELECT 1; END",
					"already exists", List.of("DROP TRIGGER IF EXISTS tr",
							"CREATE TRIGGER tr AFTER UPDATE ON notes BEGIN SELECT 1; END")),
			new Case("create-trigger-without-guard", NOTES, "CREATE TRIGGER tr AFTER UPDATE ON notes BEGIN SELECT 1; END",
					"already exists", List.of("CREATE TRIGGER IF NOT EXISTS tr AFTER UPDATE ON notes BEGIN SELECT 1; END")));

	@Test
	void onPostgresEachFlaggedStatementFailsWhenRunAgainAndItsFixRunsTwice() {
		for (Case c : POSTGRES) {
			try (Db db = TestDatabase.POSTGRES.create()) {
				assertFlaggedFailsTwiceAndFixRunsTwice(db, c);
			}
		}
	}

	@Test
	void onSqliteATriggerCreatedAgainFailsAndBothOfItsFixesRunTwice() {
		for (Case c : SQLITE) {
			try (Db db = TestDatabase.SQLITE.create()) {
				assertFlaggedFailsTwiceAndFixRunsTwice(db, c);
			}
		}
	}

	@Test
	void anUnnamedUniqueConstraintAddedAgainIsASecondConstraintOnPostgres() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			db.execute(NOTES.get(0));
			String flagged = "ALTER TABLE notes ADD UNIQUE (title)";
			assertThat(rules(flagged)).contains("add-constraint-without-guard");

			assertThat(error(db, flagged)).isNull();
			assertThat(error(db, flagged)).as("no error the second time").isNull();
			assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE conrelid = 'notes'::regclass AND contype = 'u'"))
				.isEqualTo(2);
		}
	}

	private static void assertFlaggedFailsTwiceAndFixRunsTwice(Db db, Case c) {
		assertThat(rules(c.flagged())).as(c.flagged()).contains(c.rule());
		assertThat(rules(String.join(";\n", c.fixed()))).as(c.fixed().toString()).doesNotContain(c.rule());

		db.execute(c.setup().toArray(String[]::new));
		assertThat(error(db, c.flagged())).as(c.flagged()).isNull();
		assertThat(error(db, c.flagged())).as(c.flagged() + ", run again").isNotNull().contains(c.error());
		for (int run = 1; run <= 2; run++) {
			for (String sql : c.fixed()) {
				assertThat(error(db, sql)).as(sql + ", run " + run).isNull();
			}
		}
	}

	private static List<String> rules(String sql) {
		return FileAudit.up(SqlScript.parse("0001_x.sql", sql + ";")).stream().map(Finding::rule).toList();
	}

	/** Runs one statement as the engine does; its error message, or null if it ran. */
	private static String error(Db db, String sql) {
		try (Connection c = db.connect(); Statement s = c.createStatement()) {
			s.execute(sql);
			return null;
		}
		catch (SQLException e) {
			return e.getMessage();
		}
	}
}
