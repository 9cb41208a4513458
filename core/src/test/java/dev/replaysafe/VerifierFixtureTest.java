package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;
import java.net.URL;
import java.net.URLClassLoader;

/** Fixtures: where they are read, when they are loaded, and what a bad one says. */
class VerifierFixtureTest {

	private static final MigrationDir MIGRATIONS = MigrationDir.create()
		.migration("0001_prices", "CREATE TABLE IF NOT EXISTS prices (id INT NOT NULL PRIMARY KEY, amount INT);",
				"DROP TABLE IF EXISTS prices;")
		.migration("0002_currency", "ALTER TABLE prices ADD COLUMN IF NOT EXISTS currency VARCHAR(3);",
				"ALTER TABLE prices DROP COLUMN IF EXISTS currency;");

	private static Verifier verifier(Db db) {
		return Verifier.of(Migrator.builder(db.dataSource()).locations(MIGRATIONS.location()).build());
	}

	@EachDatabase
	void loadsEachFixtureRightAfterTheUpOfItsVersion(Db db) {
		// 0001's fixture cannot name currency (0002 adds it); 0002's must.
		MigrationDir fixtures = MigrationDir.create()
			.file("0001_prices.sql", "INSERT INTO prices (id, amount) VALUES (1, 5);")
			.file("0002_currency.sql", "INSERT INTO prices (id, amount, currency) VALUES (2, 7, 'EUR');");

		VerificationReport replay = verifier(db).fixtures(fixtures.location()).verifyReplay();

		assertThat(replay.passed()).as(replay.text()).isTrue();
		assertThat(replay.checked().get(0)).contains("rows: prices 2");
		try (Db other = db.kind().create()) {
			VerificationReport down = verifier(other).fixtures(fixtures.location()).verifyDownRoundTrip();
			assertThat(down.passed()).as(down.text()).isTrue();
			assertThat(down.checked().get(0)).contains("each with its fixture");
		}
	}

	@EachDatabase
	void aFixtureThatFailsNamesItsFileAndLine(Db db) {
		MigrationDir fixtures = MigrationDir.create()
			.file("0001_prices.sql", "INSERT INTO prices (id, amount) VALUES (1, 5);\n"
					+ "INSERT INTO prices (id, amount, currency) VALUES (2, 7, 'EUR');");

		assertThatThrownBy(() -> verifier(db).fixtures(fixtures.location()).verifyReplay())
			.isInstanceOfSatisfying(MigrationException.class,
					e -> assertThat(e.kind()).isEqualTo(MigrationException.Kind.MIGRATION_FAILED))
			.hasMessageContaining("Fixture " + fixtures.path() + "/0001_prices.sql:2 failed: ")
			.hasMessageContaining("currency")
			.hasMessageContaining("loaded right after 0001_prices.sql");
	}

	@EachDatabase
	void refusesFixturesWithoutAMigrationOrWithBadNamesBeforeAnythingRuns(Db db) {
		MigrationDir fixtures = MigrationDir.create()
			.file("0007_orphan.sql", "SELECT 1;")
			.file("rows.sql", "SELECT 1;")
			.file("0001_a.sql", "SELECT 1;")
			.file("0001_b.sql", "SELECT 1;");

		assertThatThrownBy(() -> verifier(db).fixtures(fixtures.location()).verifyReplay())
			.isInstanceOfSatisfying(MigrationException.class,
					e -> assertThat(e.kind()).isEqualTo(MigrationException.Kind.INVALID_FILES))
			.hasMessageContaining("0007_orphan.sql: no migration has version 7")
			.hasMessageContaining("rows.sql: not a fixture name; name fixtures NNNN_description.sql")
			.hasMessageContaining("0001_b.sql: " + fixtures.path() + "/0001_a.sql is a fixture for version 1 too");
		assertThat(db.hasTable("prices")).isFalse();
	}

	@EachDatabase
	void aFixtureLocationThatDoesNotExistIsAnError(Db db) {
		assertThatThrownBy(() -> verifier(db).fixtures("classpath:no/such/fixtures").verifyDownRoundTrip())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("fixture location classpath:no/such/fixtures does not exist");
	}

	@EachDatabase
	void readsClasspathDbFixturesWhenPresentAndNeedsNoneOtherwise(Db db) throws Exception {
		MigrationDir classpath = MigrationDir.create()
			.file("db/fixtures/0001_prices.sql", "INSERT INTO prices (id, amount) VALUES (1, 5);");
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classpath.path().toUri().toURL() }, original)) {
			thread.setContextClassLoader(loader);
			VerificationReport report = verifier(db).verifyReplay();
			assertThat(report.checked().get(0)).contains("with their fixtures").contains("rows: prices 1");
		}
		finally {
			thread.setContextClassLoader(original);
		}
		try (Db other = db.kind().create()) {
			assertThat(verifier(other).verifyReplay().checked().get(0)).contains("no rows");
		}
	}
}
