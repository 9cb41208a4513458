package dev.replaysafe.autoconfigure;

import javax.sql.DataSource;

import dev.replaysafe.MigrationException;
import dev.replaysafe.VerificationReport;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MigrationVerifierTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ReplaysafeAutoConfiguration.class));

	private static ApplicationContextRunner on(ApplicationContextRunner runner, Db db, String profile) {
		return runner.withPropertyValues("spring.datasource.url=" + db.url())
			.withInitializer(context -> context.getEnvironment().setActiveProfiles(profile));
	}

	@EachDatabase
	void provesTheReferenceSchemaOnScratchDatabasesLeavingTheApplicationsAlone(Db db) {
		on(this.runner, db, "test").run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(MigrationVerifier.class);
			long applied = db.queryLong("SELECT count(*) FROM _sqlx_migrations");
			db.execute("INSERT INTO workspaces (id, slug, name) VALUES ('w1', 'mine', 'Mine')");
			MigrationVerifier verifier = context.getBean(MigrationVerifier.class);

			verifier.assertReplaySafe();
			verifier.assertDownRoundTrip();
			VerificationReport report = verifier.verifyDownRoundTrip();
			assertThat(report.passed()).isTrue();
			assertThat(report.database()).startsWith(db.kind() == TestDatabase.SQLITE ? "SQLite" : "PostgreSQL");

			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(applied);
			assertThat(db.queryLong("SELECT count(*) FROM workspaces WHERE slug = 'mine'")).isEqualTo(1);
			if (db.kind() == TestDatabase.POSTGRES) {
				// Scratch names carry the process id: other processes on a shared server do not count.
				assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'replaysafe_scratch_"
						+ ProcessHandle.current().pid() + "\\_%'"))
					.as("this process's scratch databases are dropped")
					.isZero();
			}
		});
	}

	@EachDatabase
	void aMigrationThatCannotRunTwiceFailsTheAssertion(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_things", "CREATE TABLE IF NOT EXISTS things (id INTEGER PRIMARY KEY);",
					"DROP TABLE IF EXISTS things;")
			.migration("0002_seed", "INSERT INTO things (id) VALUES (1);", "DELETE FROM things WHERE id = 1;");
		on(this.runner, db, "test").withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.audit=off")
			.run(context -> {
				MigrationVerifier verifier = context.getBean(MigrationVerifier.class);
				assertThatExceptionOfType(AssertionError.class).isThrownBy(verifier::assertReplaySafe)
					.withMessageContaining("0002_seed.sql");
				assertThat(verifier.verifyReplay().passed()).isFalse();
				verifier.assertDownRoundTrip();
			});
	}

	@EachDatabase
	void loadsTheFixturesOfReplaysafeFixtureLocationsSoTheReplayRunsOverRows(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_counter", "CREATE TABLE IF NOT EXISTS counter (id INT NOT NULL PRIMARY KEY, n INT NOT NULL);",
					"DROP TABLE IF EXISTS counter;")
			.migration("0002_bump", "UPDATE counter SET n = n + 1 WHERE id > 0;", "UPDATE counter SET n = n - 1 WHERE id > 0;");
		MigrationDir fixtures = MigrationDir.create().file("0001_one_counter.sql", "INSERT INTO counter VALUES (1, 0);");
		// Without rows, the UPDATE changes nothing the second time either.
		on(this.runner, db, "test").withPropertyValues("replaysafe.locations=" + dir.location())
			.run(context -> context.getBean(MigrationVerifier.class).assertReplaySafe());
		try (Db other = db.kind().create()) {
			on(this.runner, other, "test")
				.withPropertyValues("replaysafe.locations=" + dir.location(),
						"replaysafe.fixture-locations=" + fixtures.location())
				.run(context -> {
					MigrationVerifier verifier = context.getBean(MigrationVerifier.class);
					assertThatExceptionOfType(AssertionError.class).isThrownBy(verifier::assertReplaySafe)
						.withMessageContaining("replay of 0002_bump.sql: running it a second time changed the data")
						.withMessageContaining("(id=1, n=1) after the first run is (id=1, n=2) after the replay");
					verifier.assertDownRoundTrip();
				});
		}
	}

	@Test
	void isThereUnderDevOrTestOnly() {
		try (Db db = TestDatabase.SQLITE.create()) {
			on(this.runner, db, "dev").run(context -> assertThat(context).hasSingleBean(MigrationVerifier.class));
			on(this.runner, db, "prod").run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationVerifier.class));
			this.runner.withPropertyValues("spring.datasource.url=" + db.url())
				.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationVerifier.class));
		}
	}

	@Test
	void onPostgresItNeedsToKnowHowToReachTheServer() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class))
				.withBean(DataSource.class, db::dataSource)
				.withInitializer(context -> context.getEnvironment().setActiveProfiles("test"))
				.run(context -> assertThatExceptionOfType(MigrationException.class)
					.isThrownBy(context.getBean(MigrationVerifier.class)::assertReplaySafe)
					.withMessageContaining("spring.datasource.url"));
		}
	}

}
