package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The replay check over data: fixtures give the tables rows, every row is compared after each
 * up's second run, and the file whose second run made a difference is blamed, naming the table
 * and a differing row. The sets are built with the audit off: it would reject them first.
 */
class VerifierReplayDataTest {

	private static VerificationReport replay(Db db, MigrationDir migrations, MigrationDir fixtures) {
		return Verifier.of(Migrator.builder(db.dataSource()).locations(migrations.location()).audit(AuditMode.OFF).build())
			.fixtures(fixtures.location())
			.verifyReplay();
	}

	private static final String PRICES = "CREATE TABLE IF NOT EXISTS prices (id INT NOT NULL PRIMARY KEY, amount INT);";

	@EachDatabase
	void blamesAnUpdateThatScalesAmountsAgainOnItsSecondRun(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_prices", PRICES, "DROP TABLE IF EXISTS prices;")
			.migration("0002_cents", "UPDATE prices SET amount = amount * 100 WHERE amount IS NOT NULL;",
					"UPDATE prices SET amount = amount / 100 WHERE amount IS NOT NULL;");
		MigrationDir fixtures = MigrationDir.create()
			.file("0001_prices.sql", "INSERT INTO prices (id, amount) VALUES (1, 5), (2, NULL);");

		VerificationReport report = replay(db, dir, fixtures);

		assertThat(report.checked().get(0)).contains("ups applied with their fixtures").contains("rows: prices 2");
		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("replay");
			assertThat(p.file()).isEqualTo("0002_cents.sql");
			assertThat(p.summary()).isEqualTo("running it a second time changed the data");
			assertThat(p.details()).containsExactly("table prices: 2 rows both times, but their values changed by the "
					+ "replay: (amount=500, id=1) after the first run is (amount=50000, id=1) after the replay");
		});
	}

	@EachDatabase
	void blamesAnIncrementThatCountsTwice(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_counter", "CREATE TABLE IF NOT EXISTS counter (id INT NOT NULL PRIMARY KEY, n INT NOT NULL);",
					"DROP TABLE IF EXISTS counter;")
			.migration("0002_bump", "UPDATE counter SET n = n + 1;", "UPDATE counter SET n = n - 1;");
		MigrationDir fixtures = MigrationDir.create().file("0001_one_row.sql", "INSERT INTO counter VALUES (1, 0);");

		VerificationReport report = replay(db, dir, fixtures);

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_bump.sql");
			assertThat(p.details()).containsExactly("table counter: 1 row both times, but their values changed by the "
					+ "replay: (id=1, n=1) after the first run is (id=1, n=2) after the replay");
		});
	}

	@EachDatabase
	void blamesAnInsertSelectThatDuplicatesRowsOfATableWithoutAUniqueKey(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_events", "CREATE TABLE IF NOT EXISTS events (name VARCHAR(20));", "DROP TABLE IF EXISTS events;")
			.migration("0002_archive", "CREATE TABLE IF NOT EXISTS archive (name VARCHAR(20));\n"
					+ "INSERT INTO archive (name) SELECT name FROM events;", "DROP TABLE IF EXISTS archive;");
		MigrationDir fixtures = MigrationDir.create()
			.file("0001_events.sql", "INSERT INTO events (name) VALUES ('signup'), ('login');");

		VerificationReport report = replay(db, dir, fixtures);

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_archive.sql");
			assertThat(p.details()).containsExactly("table archive: 2 rows after the first run, 4 after the replay: extra "
					+ "after the replay: (name='login'), (name='signup')");
		});
	}

	@EachDatabase
	void blamesADeleteAndReinsertWhoseDefaultGivesTheRowANewRandomId(Db db) {
		String random = db.kind() == TestDatabase.SQLITE ? "(lower(hex(randomblob(16))))" : "gen_random_uuid()::text";
		MigrationDir dir = MigrationDir.create()
			.migration("0001_settings", "CREATE TABLE IF NOT EXISTS settings (k VARCHAR(20) NOT NULL PRIMARY KEY, "
					+ "v VARCHAR(20), token VARCHAR(40) DEFAULT " + random + ");", "DROP TABLE IF EXISTS settings;")
			.migration("0002_mode", "DELETE FROM settings WHERE k = 'mode';\n"
					+ "INSERT INTO settings (k, v) VALUES ('mode', 'on');", "DELETE FROM settings WHERE k = 'mode';");

		VerificationReport report = replay(db, dir, MigrationDir.create());

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_mode.sql");
			assertThat(p.details()).singleElement().asString()
				.startsWith("table settings: 1 row both times, but their values changed by the replay: (k='mode', "
						+ "token='")
				.contains("after the first run is (k='mode', token='");
		});
	}

	@EachDatabase
	void blamesADropAndRecreateThatLosesTheRowsNotTheLaterFileWhoseReplayPutsAColumnBack(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "DROP TABLE IF EXISTS t;\nCREATE TABLE t (id INT NOT NULL PRIMARY KEY);",
					"DROP TABLE IF EXISTS t;")
			.migration("0002_note", "ALTER TABLE t ADD COLUMN IF NOT EXISTS note VARCHAR(20);",
					"ALTER TABLE t DROP COLUMN IF EXISTS note;");
		MigrationDir fixtures = MigrationDir.create().file("0002_rows.sql", "INSERT INTO t VALUES (1, 'a'), (2, NULL);");

		VerificationReport report = replay(db, dir, fixtures);

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0001_t.sql");
			assertThat(p.summary()).isEqualTo("running it a second time changed the schema and the data");
			assertThat(p.details()).containsExactly("table t: column note missing (was VARCHAR(20) NULL)",
					"table t: 2 rows after the first run, 0 after the replay: missing after the replay: (id=1), "
							+ "(id=2)");
		});
	}

	@EachDatabase
	void blamesAReplayWhoseChangeALaterReplayUndoes(Db db) {
		// The view is back by the end of the replay: blamed on the file that changed it, all the same.
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (a INT, b INT);", "DROP TABLE IF EXISTS t;")
			.migration("0002_v", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT a FROM t;", "DROP VIEW IF EXISTS v;")
			.migration("0003_v_b", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT a, b FROM t;",
					"DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT a FROM t;");

		VerificationReport report = replay(db, dir, MigrationDir.create());

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_v.sql");
			assertThat(p.summary()).isEqualTo("running it a second time changed the schema");
			assertThat(p.details()).singleElement().asString().startsWith("view v changed");
		});
	}

	@EachDatabase
	void passesAGuardedSetOverFixtureRows(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_prices", PRICES, "DROP TABLE IF EXISTS prices;")
			.migration("0002_currency", "ALTER TABLE prices ADD COLUMN IF NOT EXISTS currency VARCHAR(3);\n"
					+ "UPDATE prices SET currency = 'EUR' WHERE currency IS NULL;",
					"ALTER TABLE prices DROP COLUMN IF EXISTS currency;");
		MigrationDir fixtures = MigrationDir.create().file("0001_prices.sql", "INSERT INTO prices VALUES (1, 5);");

		VerificationReport report = replay(db, dir, fixtures);

		assertThat(report.passed()).as(report.text()).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM prices WHERE currency = 'EUR'")).isEqualTo(1);
		assertThat(report.text()).contains("schema and every row unchanged after each");
	}
}
