package dev.replaysafe.autoconfigure;

import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.autoconfigure.MigrationsEndpoint.MigrationDescriptor;
import dev.replaysafe.autoconfigure.MigrationsEndpoint.MigrationsDescriptor;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code replaysafe.drift-check} and {@code replaysafe.baseline-version}, and a start on a database
 * with no history: through {@code spring.datasource.*}, as an application configures it.
 */
class DriftAndAdoptionTest {

	private static final String NOTES = "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, title VARCHAR(100) NOT NULL);";

	private static final String INDEX = "CREATE INDEX IF NOT EXISTS ix_notes_title ON notes (title);";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ReplaysafeAutoConfiguration.class,
				ReplaysafeEndpointAutoConfiguration.class, ReplaysafeHealthAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	private static MigrationDir files() {
		return MigrationDir.create()
			.migration("0001_notes", NOTES, "DROP TABLE IF EXISTS notes;")
			.migration("0002_notes_title", INDEX, "DROP INDEX IF EXISTS ix_notes_title;")
			.migration("0003_tags", "CREATE TABLE IF NOT EXISTS tags (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL);",
					"DROP TABLE IF EXISTS tags;");
	}

	private ApplicationContextRunner on(Db db, MigrationDir dir, String... properties) {
		return this.runner.withPropertyValues("spring.datasource.url=" + db.url(), "replaysafe.locations=" + dir.location())
			.withPropertyValues(properties);
	}

	@EachDatabase
	void driftCheckWarnStartsReportsEachDifferenceInTheEndpointAndHealthStaysUp(Db db) {
		MigrationDir dir = files();
		on(db, dir).run(context -> assertThat(context).hasNotFailed());
		db.execute("ALTER TABLE tags ADD COLUMN color TEXT");

		on(db, dir, "replaysafe.drift-check=warn").run(context -> {
			assertThat(context).hasNotFailed();
			MigrationsDescriptor report = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(report.drift()).isNotNull();
			assertThat(report.drift().mode()).isEqualTo("WARN");
			assertThat(report.drift().drifted()).isTrue();
			assertThat(report.drift().differences()).containsExactly(
					"table tags: column color (TEXT NULL) is in the live database only; no migration creates it");
			Health health = context.getBean(MigrationsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("drift");
		});
	}

	@EachDatabase
	void driftCheckFailFailsTheStartListingTheDifferences(Db db) {
		MigrationDir dir = files();
		on(db, dir).run(context -> assertThat(context).hasNotFailed());
		db.execute("DROP INDEX ix_notes_title");

		on(db, dir, "replaysafe.drift-check=fail").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining("The drift check found 1 difference(s) between what the migrations build and the "
						+ "live schema")
				.hasMessageContaining("index ix_notes_title on notes (title) is missing from the live database; the "
						+ "migrations create it")
				.hasMessageContaining("replaysafe.drift-check=warn");
		});
	}

	@EachDatabase
	void healthIsDownOnDriftUnderFail(Db db) {
		MigrationDir dir = files();
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location())
			.scratchDatabases(db.scratchDatabases()).build();
		migrator.migrate();
		db.execute("ALTER TABLE notes ADD COLUMN body TEXT");
		MigrationDrift drift = new MigrationDrift(migrator, DriftCheckMode.FAIL);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(drift::check);

		Health health = new MigrationsHealthIndicator(migrator, drift).health(true);

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("drift").toString()).contains("table notes: column body (TEXT NULL)");
		assertThat(new MigrationsEndpoint(migrator,
				new StaticListableBeanFactory().getBeanProvider(MigrationRollback.class), drift)
			.migrations()
			.drift()
			.drifted()).isTrue();
	}

	@EachDatabase
	void driftIsNullInTheEndpointWhenTheCheckIsOff(Db db) {
		on(db, files()).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().drift()).isNull();
			assertThat(context.getBean(MigrationDrift.class).last()).isNull();
		});
	}

	@EachDatabase
	void aDroppedHistoryTableRecoversByItselfAtStart(Db db) {
		MigrationDir dir = files();
		on(db, dir).run(context -> assertThat(context).hasNotFailed());
		db.execute("INSERT INTO notes (id, title) VALUES (1, 'kept')", "DROP TABLE _sqlx_migrations");

		on(db, dir).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = TRUE")).isEqualTo(3);
			assertThat(db.queryLong("SELECT count(*) FROM notes")).isEqualTo(1);
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().migrations())
				.extracting(MigrationDescriptor::state)
				.containsOnly("APPLIED");
		});
	}

	@EachDatabase
	void aForeignSchemaIsRefusedAtStartNamingTheWayForward(Db db) {
		db.execute("CREATE TABLE tags (id INT PRIMARY KEY, label TEXT)");

		on(db, files()).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining("the schema is not what the migrations build")
				.hasMessageContaining("table tags: column label (TEXT NULL) is in the live database only")
				.hasMessageContaining("replaysafe.baseline-version=N");
		});
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
		assertThat(db.hasTable("notes")).isFalse();
	}

	@EachDatabase
	void baselineVersionAdoptsADatabaseBuiltByHand(Db db) {
		db.execute(NOTES, INDEX);

		on(db, files(), "replaysafe.baseline-version=2", "replaysafe.drift-check=fail").run(context -> {
			assertThat(context).hasNotFailed();
			MigrationsDescriptor report = context.getBean(MigrationsEndpoint.class).migrations();
			assertThat(report.migrations()).extracting(MigrationDescriptor::state)
				.containsExactly("BASELINE", "BASELINE", "APPLIED");
			assertThat(report.currentVersion()).isEqualTo(3L);
			assertThat(report.drift().drifted()).isFalse();
			assertThat(context.getBean(MigrationsHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		});
		assertThat(db.hasTable("tags")).isTrue();
	}

	@Test
	void anInvalidDriftCheckValueIsRefusedWhenTheConfigurationIsRead() {
		try (Db db = TestDatabase.SQLITE.create()) {
			on(db, files(), "replaysafe.drift-check=sometimes").run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("Failed to bind properties under 'replaysafe.drift-check'")
					.rootCause()
					.hasMessageContaining("sometimes");
				assertThat(db.hasTable("_sqlx_migrations")).as("nothing ran").isFalse();
			});
		}
	}

	@Test
	void aNegativeBaselineVersionIsRefusedWhenTheConfigurationIsRead() {
		try (Db db = TestDatabase.SQLITE.create()) {
			on(db, files(), "replaysafe.baseline-version=-3").run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("replaysafe.baseline-version=-3 is negative");
				assertThat(db.hasTable("_sqlx_migrations")).as("nothing ran").isFalse();
			});
		}
	}

}
