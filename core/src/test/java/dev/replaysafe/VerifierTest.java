package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replaysafe.VerificationReport.Problem;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The verifier over the reference schema and over deliberately broken sets, on each database.
 * The broken sets are built with the audit off: it would reject them before the verifier runs.
 */
class VerifierTest {

	private static final String TABLE = "CREATE TABLE IF NOT EXISTS t (id VARCHAR(36) NOT NULL PRIMARY KEY, x INT);";

	private static Verifier verifier(Db db, MigrationDir dir) {
		return Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.OFF).build());
	}

	@EachDatabase
	void theReferenceSchemaIsReplaySafe(Db db) {
		VerificationReport report = Verifier.of(Migrator.builder(db.dataSource()).build()).verifyReplay();

		assertThat(report.passed()).as(report.text()).isTrue();
		assertThat(report.migrations()).isEqualTo(9);
		assertThat(report.text()).startsWith("Replay check on ").contains("(9 migrations): PASSED")
			.contains("first run: 9 ups applied: 6 tables, 7 indexes, 0 views; rows: tags 3, workspaces 1")
			.contains("schema and every row unchanged after each");
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(9);
	}

	@EachDatabase
	void theReferenceSchemaHasConcreteDowns(Db db) {
		VerificationReport report = Verifier.of(Migrator.builder(db.dataSource()).build()).verifyDownRoundTrip();

		assertThat(report.passed()).as(report.text()).isTrue();
		assertThat(report.text()).startsWith("Down round-trip check on ").contains("PASSED")
			.contains("9 of 9 downs restored the schema and rows their up started from; the end state is the "
					+ "empty baseline")
			.contains("redo: every up applied again: the schema and rows equal the first run's");
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(9);
	}

	@EachDatabase
	void assertionsPassSilentlyOnTheReferenceSchema(Db db) {
		Verifier.of(Migrator.builder(db.dataSource()).build()).assertReplaySafe();
		try (Db other = db.kind().create()) {
			Verifier.of(Migrator.builder(other.dataSource()).build()).assertDownRoundTrip();
		}
	}

	@EachDatabase
	void catchesADownThatForgetsAnIndex(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", TABLE, "DROP TABLE IF EXISTS t;")
			.migration("0002_note", "ALTER TABLE t ADD COLUMN IF NOT EXISTS note VARCHAR(20);\n"
					+ "CREATE INDEX IF NOT EXISTS ix_t_x ON t (x);",
					"ALTER TABLE t DROP COLUMN IF EXISTS note;");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		assertThat(report.passed()).isFalse();
		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("down");
			assertThat(p.version()).isEqualTo(2L);
			assertThat(p.file()).isEqualTo("0002_note.down.sql");
			assertThat(p.details()).containsExactly("index ix_t_x on t (x) added");
		});
		assertThat(report.text()).contains("down of 0002_note.down.sql: after it, the database differs from the "
				+ "database before 0002_note.sql was applied\n    - index ix_t_x on t (x) added\n    fix: make the down undo");
		assertThatThrownBy(() -> verifier(db.kind().create(), dir).assertDownRoundTrip())
			.isInstanceOf(AssertionError.class).hasMessageContaining("index ix_t_x on t (x) added");
	}

	@EachDatabase
	void catchesADownThatForgetsToDropAColumn(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", TABLE, "DROP TABLE IF EXISTS t;")
			.migration("0002_note", "ALTER TABLE t ADD COLUMN IF NOT EXISTS note VARCHAR(20) NOT NULL DEFAULT 'n';",
					"DROP INDEX IF EXISTS ix_unrelated;")
			.migration("0003_u", "CREATE TABLE IF NOT EXISTS u (id INT);", "DROP TABLE IF EXISTS u;");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		// Reported once, at the down that left it, though it stays until 0001's down drops the table.
		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("down");
			assertThat(p.version()).isEqualTo(2L);
			assertThat(p.details()).singleElement().asString()
				.startsWith("table t: column note added (VARCHAR(20) NOT NULL DEFAULT 'n'");
		});
	}

	/** SQLite adds only VIRTUAL generated columns to a table with rows; PostgreSQL 15 has only STORED ones. */
	private static String generatedKind(Db db) {
		return db.kind() == TestDatabase.SQLITE ? "VIRTUAL" : "STORED";
	}

	@EachDatabase
	void catchesADownThatForgetsToDropAGeneratedColumn(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", TABLE, "DROP TABLE IF EXISTS t;")
			.migration("0002_doubled", "ALTER TABLE t ADD COLUMN IF NOT EXISTS doubled INT GENERATED ALWAYS AS (x * 2) "
					+ generatedKind(db) + ";", "DROP INDEX IF EXISTS ix_unrelated;");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		String expression = db.kind() == TestDatabase.SQLITE ? "(x * 2)" : "((x * 2))";
		String type = db.kind() == TestDatabase.SQLITE ? "INT" : "INTEGER";
		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("down");
			assertThat(p.version()).isEqualTo(2L);
			assertThat(p.details()).containsExactly("table t: column doubled added (" + type + " NULL GENERATED ALWAYS AS "
					+ expression + " " + generatedKind(db) + ")");
		});
	}

	@EachDatabase
	void aGuardedGeneratedColumnWithItsDownPassesTheReplayAndTheDownRoundTrip(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", TABLE + "\nINSERT INTO t (id, x) VALUES ('a', 4) ON CONFLICT (id) DO NOTHING;",
					"DROP TABLE IF EXISTS t;")
			.migration("0002_doubled", "ALTER TABLE t ADD COLUMN IF NOT EXISTS doubled INT GENERATED ALWAYS AS (x * 2) "
					+ generatedKind(db) + ";", "ALTER TABLE t DROP COLUMN IF EXISTS doubled;");

		VerificationReport replay = verifier(db, dir).verifyReplay();

		assertThat(replay.passed()).as(replay.text()).isTrue();
		assertThat(db.queryLong("SELECT doubled FROM t")).isEqualTo(8);
		try (Db other = db.kind().create()) {
			VerificationReport down = verifier(other, dir).verifyDownRoundTrip();
			assertThat(down.passed()).as(down.text()).isTrue();
		}
	}

	@EachDatabase
	void showsWhereTheDatabasesDifferADownDroppingAnIndexedColumnFailsOnSqliteOnly(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", TABLE, "DROP TABLE IF EXISTS t;")
			.migration("0002_note", "ALTER TABLE t ADD COLUMN IF NOT EXISTS note VARCHAR(20);\n"
					+ "CREATE INDEX IF NOT EXISTS ix_t_note ON t (note);",
					"ALTER TABLE t DROP COLUMN IF EXISTS note;");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		if (db.kind() == TestDatabase.POSTGRES) {
			// PostgreSQL drops the index together with its column.
			assertThat(report.passed()).as(report.text()).isTrue();
		}
		else {
			assertThat(report.problems()).singleElement().satisfies(p -> {
				assertThat(p.step()).isEqualTo("down");
				assertThat(p.details().get(0)).contains("0002_note.down.sql:1: ").contains("ix_t_note");
			});
		}
	}

	@EachDatabase
	void catchesAnUpThatDuplicatesSeedRows(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_tags", "CREATE TABLE IF NOT EXISTS tags (name VARCHAR(20) NOT NULL);",
					"DROP TABLE IF EXISTS tags;")
			.migration("0002_seed", "INSERT INTO tags (name) VALUES ('a'), ('b');", "DELETE FROM tags;");

		VerificationReport report = verifier(db, dir).verifyReplay();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("replay");
			assertThat(p.file()).isEqualTo("0002_seed.sql");
			assertThat(p.summary()).isEqualTo("running it a second time changed the data");
			assertThat(p.details()).containsExactly("table tags: 2 rows after the first run, 4 after the replay: extra after "
					+ "the replay: (name='a'), (name='b')");
			assertThat(p.fix()).contains("ON CONFLICT");
		});
		assertThat(report.text()).contains("FAILED, 1 problem").contains("replay of 0002_seed.sql");
	}

	@EachDatabase
	void catchesAnUpdateThatIsNotIdempotent(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_counter", "CREATE TABLE IF NOT EXISTS counter (id INT NOT NULL PRIMARY KEY, n INT NOT NULL);\n"
					+ "INSERT INTO counter (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;",
					"DROP TABLE IF EXISTS counter;")
			.migration("0002_bump", "UPDATE counter SET n = n + 1;", "UPDATE counter SET n = n - 1;");

		VerificationReport report = verifier(db, dir).verifyReplay();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_bump.sql");
			assertThat(p.details()).containsExactly("table counter: 1 row both times, but their values changed by the replay: "
					+ "(id=1, n=1) after the first run is (id=1, n=2) after the replay");
		});
	}

	@EachDatabase
	void catchesAnUpThatFailsOnItsSecondRun(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE t (id INT);", "DROP TABLE IF EXISTS t;")
			.migration("0002_u", "CREATE TABLE IF NOT EXISTS u (id INT);", "DROP TABLE IF EXISTS u;");

		VerificationReport report = verifier(db, dir).verifyReplay();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("replay");
			assertThat(p.version()).isEqualTo(1L);
			assertThat(p.summary()).isEqualTo("running it a second time failed");
			assertThat(p.details().get(0)).contains("0001_t.sql:1: ").contains("already exists");
			assertThat(p.fix()).contains("IF NOT EXISTS");
		});
		assertThat(String.join("\n", report.problems().get(0).details())).doesNotContain("the run resumes");
	}

	@EachDatabase
	void catchesADownThatFails(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", TABLE, "DROP TABLE IF EXISTS t;")
			.migration("0002_u", "CREATE TABLE IF NOT EXISTS u (id INT);", "DROP TABLE u;\nDROP TABLE no_such_table;");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("down");
			assertThat(p.file()).isEqualTo("0002_u.down.sql");
			assertThat(p.summary()).isEqualTo("it failed");
			assertThat(p.details().get(0)).contains("0002_u.down.sql:2: ").contains("no_such_table");
		});
		assertThat(report.checked()).contains("down: stopped at 0002_u.down.sql; redo not run");
	}

	@EachDatabase
	void catchesARedoThatDiffersBecauseADownLeftStateNoSnapshotSees(Db db) {
		// The up seeds only while a marker the snapshot does not cover is absent (SQLite's
		// user_version, a PostgreSQL schema), and its down leaves the marker: every down compares
		// equal, yet the redo seeds nothing.
		String up = db.kind() == TestDatabase.SQLITE
				? "CREATE TABLE IF NOT EXISTS t (a INT);\n"
						+ "INSERT INTO t (a) SELECT 1 WHERE (SELECT user_version FROM pragma_user_version) = 0;\n"
						+ "PRAGMA user_version = 1;"
				: "CREATE TABLE IF NOT EXISTS t (a INT);\n"
						+ "INSERT INTO t (a) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'marker');\n"
						+ "CREATE SCHEMA IF NOT EXISTS marker;";
		MigrationDir dir = MigrationDir.create().migration("0001_t", up, "DROP TABLE IF EXISTS t;");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("redo");
			assertThat(p.file()).isEqualTo("0001_t.sql");
			assertThat(p.summary()).isEqualTo("applied again after the downs, it leaves a different database than its "
					+ "first run");
			assertThat(p.details()).containsExactly("table t: 1 row after its first run, 0 after the redo: missing after the redo: (a=1)");
		});
		assertThat(report.checked()).contains("redo: every up applied again: 0 of 1 matched the first run");
	}

	@EachDatabase
	void catchesADownThatLeavesSeedRows(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_tags", "CREATE TABLE IF NOT EXISTS tags (name VARCHAR(20) NOT NULL PRIMARY KEY);",
					"DROP TABLE IF EXISTS tags;")
			.migration("0002_seed", "INSERT INTO tags (name) VALUES ('a') ON CONFLICT (name) DO NOTHING;",
					"DELETE FROM tags WHERE name = 'zzz';");

		VerificationReport report = verifier(db, dir).verifyDownRoundTrip();

		assertThat(report.problems()).singleElement().extracting(Problem::details).asList()
			.containsExactly("table tags: 0 rows before 0002_seed.sql was applied, 1 after its down: extra after its "
					+ "down: (name='a')");
	}

	@EachDatabase
	void reportsAFirstRunThatFails(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (id INT);\nINSERT INTO nowhere VALUES (1);",
					"DROP TABLE IF EXISTS t;");

		VerificationReport replay = verifier(db, dir).verifyReplay();

		assertThat(replay.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("up");
			assertThat(p.details().get(0)).contains("0001_t.sql:2: ").contains("nowhere");
		});
		try (Db other = db.kind().create()) {
			VerificationReport down = verifier(other, dir).verifyDownRoundTrip();
			assertThat(down.problems()).singleElement().satisfies(p -> {
				assertThat(p.step()).isEqualTo("up");
				assertThat(p.file()).isEqualTo("0001_t.sql");
			});
		}
	}

	@EachDatabase
	void runsWithTheMigratorsAuditModeAndReportsItsFindingsAsAFailedFirstRun(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_tags", "CREATE TABLE IF NOT EXISTS tags (name VARCHAR(20) NOT NULL);",
					"DROP TABLE IF EXISTS tags;")
			.migration("0002_seed", "INSERT INTO tags (name) VALUES ('a');", "DELETE FROM tags;");

		VerificationReport report = Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location()).build())
			.verifyReplay();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("up");
			assertThat(p.details().get(0)).startsWith("The audit found 1 problem(s)");
			assertThat(p.details().get(1)).contains("0002_seed.sql:1:1 [insert-without-conflict-guard]");
		});
		assertThat(db.hasTable("tags")).isFalse();
	}

	@EachDatabase
	void aWaivedFindingIsStillProvedByTheReplay(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_tags", "CREATE TABLE IF NOT EXISTS tags (name VARCHAR(20) NOT NULL);",
					"DROP TABLE IF EXISTS tags;")
			.migration("0002_seed", "-- replaysafe:allow insert-without-conflict-guard the table is new, seeded once\n"
					+ "INSERT INTO tags (name) VALUES ('a');", "DELETE FROM tags;");

		VerificationReport report = Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location()).build())
			.verifyReplay();

		assertThat(report.problems()).singleElement().extracting(Problem::details).asList()
			.containsExactly("table tags: 1 row after the first run, 2 after the replay: extra after the replay: "
					+ "(name='a')");
	}

	@EachDatabase
	void leavesTheMigratorsOwnHistoryTableOutOfTheComparison(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).table("schema_history").build();

		VerificationReport report = Verifier.of(migrator).verifyDownRoundTrip();

		assertThat(report.passed()).as(report.text()).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM schema_history")).isEqualTo(9);
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
	}

	@EachDatabase
	void refusesADatabaseThatIsNotEmptyAndChangesNothing(Db db) {
		db.execute("CREATE TABLE precious (id INT)", "INSERT INTO precious VALUES (1)");
		Verifier verifier = Verifier.of(Migrator.builder(db.dataSource()).build());

		assertThatThrownBy(verifier::verifyReplay).isInstanceOf(MigrationException.class)
			.hasMessageContaining("needs an empty scratch database")
			.hasMessageContaining("tables precious")
			.hasMessageContaining("nothing was done");
		assertThatThrownBy(verifier::verifyDownRoundTrip).isInstanceOf(MigrationException.class);
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
		assertThat(db.queryLong("SELECT count(*) FROM precious")).isEqualTo(1);
	}

	@EachDatabase
	void refusesADatabaseWithHistoryRowsSoEachCheckNeedsItsOwnDatabase(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_nothing", "SELECT 1;", "SELECT 1;");
		Verifier verifier = verifier(db, dir);
		assertThat(verifier.verifyReplay().passed()).isTrue();

		assertThatThrownBy(verifier::verifyDownRoundTrip).isInstanceOf(MigrationException.class)
			.hasMessageContaining("(1 history row in _sqlx_migrations)")
			.hasMessageContaining("a fresh one for each check");
	}
}
