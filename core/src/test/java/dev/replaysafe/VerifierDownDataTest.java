package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The down round-trip over data: after down k the schema and every row equal the state before
 * up k, and what no down can bring back is reported as data loss, or waived in the down.
 */
class VerifierDownDataTest {

	private static final String PRICES = "CREATE TABLE IF NOT EXISTS prices (id INT NOT NULL PRIMARY KEY, amount INT);";

	private static VerificationReport downs(Db db, MigrationDir migrations, MigrationDir fixtures) {
		return Verifier.of(Migrator.builder(db.dataSource()).locations(migrations.location()).audit(AuditMode.OFF).build())
			.fixtures(fixtures.location())
			.verifyDownRoundTrip();
	}

	private static MigrationDir prices(String down) {
		return MigrationDir.create()
			.migration("0001_prices", PRICES, "DROP TABLE IF EXISTS prices;")
			.migration("0002_cents", "UPDATE prices SET amount = amount * 100 WHERE amount < 100;", down);
	}

	private static final MigrationDir FIVE = MigrationDir.create()
		.file("0001_prices.sql", "INSERT INTO prices (id, amount) VALUES (1, 5), (2, NULL);");

	@EachDatabase
	void aDownThatLeavesAnUpdateUndoneFails(Db db) {
		VerificationReport report = downs(db, prices("SELECT 1;"), FIVE);

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("down");
			assertThat(p.file()).isEqualTo("0002_cents.down.sql");
			assertThat(p.details()).containsExactly("table prices: 2 rows both times, but their values changed by its "
					+ "down: (amount=5, id=1) before 0002_cents.sql was applied is (amount=500, id=1) after its down");
		});
	}

	@EachDatabase
	void aDownThatUndoesTheUpdatePasses(Db db) {
		VerificationReport report = downs(db, prices("UPDATE prices SET amount = amount / 100 WHERE amount >= 100;"), FIVE);

		assertThat(report.passed()).as(report.text()).isTrue();
	}

	@EachDatabase
	void aDownThatRestoresAColumnWithoutItsDefaultOrCheckFails(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_prices", PRICES, "DROP TABLE IF EXISTS prices;")
			.migration("0002_currency", "ALTER TABLE prices ADD COLUMN IF NOT EXISTS currency VARCHAR(3) NOT NULL DEFAULT "
					+ "'EUR' CHECK (length(currency) = 3);", "ALTER TABLE prices DROP COLUMN IF EXISTS currency;")
			.migration("0003_drop_currency", "ALTER TABLE prices DROP COLUMN IF EXISTS currency;",
					"ALTER TABLE prices ADD COLUMN IF NOT EXISTS currency VARCHAR(3);");

		VerificationReport report = downs(db, dir, MigrationDir.create());

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0003_drop_currency.down.sql");
			assertThat(String.join("\n", p.details())).contains("column currency changed")
				.contains("default 'EUR'").contains("CHECK");
		});
	}

	private static MigrationDir legacy(String down) {
		return MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (id INT NOT NULL PRIMARY KEY, legacy VARCHAR(20));",
					"DROP TABLE IF EXISTS t;")
			.migration("0002_drop_legacy", "-- the column is no longer read\n"
					+ "ALTER TABLE t DROP COLUMN IF EXISTS legacy;", down);
	}

	private static final MigrationDir LEGACY_ROWS = MigrationDir.create()
		.file("0001_t.sql", "INSERT INTO t (id, legacy) VALUES (1, 'old');");

	@EachDatabase
	void aDownThatCannotBringBackADroppedColumnsValuesIsReportedAsDataLossWithTheUpsLine(Db db) {
		VerificationReport report = downs(db, legacy("ALTER TABLE t ADD COLUMN IF NOT EXISTS legacy VARCHAR(20);"),
				LEGACY_ROWS);

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.step()).isEqualTo("down");
			assertThat(p.file()).isEqualTo("0002_drop_legacy.down.sql");
			assertThat(p.summary()).isEqualTo("it cannot restore the values its up dropped (data loss)");
			assertThat(p.details()).singleElement().asString()
				.startsWith("table t: the values of column legacy, dropped at ")
				.contains("0002_drop_legacy.sql:2, are not back after the down: (id=1, legacy='old') before "
						+ "0002_drop_legacy.sql was applied is (id=1, legacy=NULL) after its down");
			assertThat(p.fix()).contains("-- replaysafe:allow data-loss <reason>");
		});
	}

	@EachDatabase
	void aDataLossWaivedInTheDownWithAReasonPassesAndIsShown(Db db) {
		VerificationReport report = downs(db, legacy("-- replaysafe:allow data-loss nobody reads legacy any more\n"
				+ "ALTER TABLE t ADD COLUMN IF NOT EXISTS legacy VARCHAR(20);"), LEGACY_ROWS);

		assertThat(report.passed()).as(report.text()).isTrue();
		assertThat(report.checked()).anySatisfy(line -> assertThat(line)
			.startsWith("down of 0002_drop_legacy.down.sql: data loss waived (nobody reads legacy any more): table t: "));
	}

	@EachDatabase
	void theAuditAcceptsTheDataLossWaiver(Db db) {
		MigrationDir dir = legacy("-- replaysafe:allow data-loss nobody reads legacy any more\n"
				+ "ALTER TABLE t ADD COLUMN IF NOT EXISTS legacy VARCHAR(20);");

		VerificationReport report = Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location()).build())
			.fixtures(LEGACY_ROWS.location())
			.verifyDownRoundTrip();

		assertThat(report.passed()).as(report.text()).isTrue();
	}

	@EachDatabase
	void aDroppedTableIsDataLossToo(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (id INT NOT NULL PRIMARY KEY);", "DROP TABLE IF EXISTS t;")
			.migration("0002_drop_t", "DROP TABLE IF EXISTS t;",
					"CREATE TABLE IF NOT EXISTS t (id INT NOT NULL PRIMARY KEY);");

		VerificationReport report = downs(db, dir, MigrationDir.create().file("0001_t.sql", "INSERT INTO t VALUES (1);"));

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_drop_t.down.sql");
			assertThat(p.details()).singleElement().asString().startsWith("table t: its rows, dropped with the table at ")
				.contains("0002_drop_t.sql:1").endsWith("missing after its down: (id=1)");
		});
	}
}
