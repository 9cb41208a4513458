package dev.replaysafe.autoconfigure;

import javax.sql.DataSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's Flyway or Liquibase integration next to the starter, on the same database: the
 * start stops before either tool (or replaysafe) has touched it, naming the property to set.
 */
class MigrationToolConflictsTest {

	private static ApplicationContextRunner runner(Db db, Class<?> other) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class, other))
			.withBean(DataSource.class, db::dataSource);
	}

	private static boolean anyTable(Db db) {
		return db.hasTable("_sqlx_migrations") || db.hasTable("flyway_schema_history") || db.hasTable("workspaces")
				|| db.hasTable("databasechangelog");
	}

	@EachDatabase
	void flywayOnTheSameDatabaseStopsTheStartBeforeAnythingRuns(Db db) {
		runner(db, FlywayAutoConfiguration.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(MigrationToolConflicts.MigrationToolConflictException.class)
				.hasMessageContaining("nothing was run")
				.hasMessageContaining("spring.flyway.enabled=false");
		});
		assertThat(anyTable(db)).as("neither tool touched the database").isFalse();
	}

	@EachDatabase
	void flywayDisabledLetsReplaysafeMigrate(Db db) {
		runner(db, FlywayAutoConfiguration.class).withPropertyValues("spring.flyway.enabled=false").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(db.hasTable("workspaces")).isTrue();
			assertThat(db.hasTable("flyway_schema_history")).isFalse();
		});
	}

	@EachDatabase
	void liquibaseOnTheSameDatabaseStopsTheStartBeforeAnythingRuns(Db db) {
		runner(db, LiquibaseAutoConfiguration.class).run(context -> {
			assertThat(context).hasFailed();
			assertThat(org.springframework.core.NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("spring.liquibase.enabled=false");
		});
		assertThat(anyTable(db)).isFalse();
	}

	@EachDatabase
	void liquibaseDisabledLetsReplaysafeMigrate(Db db) {
		runner(db, LiquibaseAutoConfiguration.class).withPropertyValues("spring.liquibase.enabled=false")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(db.hasTable("workspaces")).isTrue();
			});
	}
}
