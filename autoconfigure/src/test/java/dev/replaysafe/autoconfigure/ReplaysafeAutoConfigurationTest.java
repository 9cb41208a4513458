package dev.replaysafe.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.replaysafe.AuditMode;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureDataSourceInitialization;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaysafeAutoConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class));

	@EachDatabase
	void migratesTheReferenceSchemaAtStart(Db db) {
		this.runner.withBean(DataSource.class, db::dataSource).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(Migrator.class).hasSingleBean(MigrationInitializer.class);
			assertThat(db.hasTable("documents")).isTrue();
			int files = context.getBean(Migrator.class).migrations().size();
			assertThat(context.getBean(MigrationInitializer.class).result())
				.hasValueSatisfying(result -> assertThat(result.applied()).hasSize(files));
		});
	}

	@EachDatabase
	void beansUsingTheDatabaseAreCreatedAfterTheMigrations(Db db) {
		// Registered before the auto-configuration, these would be created first without the initializer detector.
		this.runner.withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
			.withBean(DataSource.class, db::dataSource)
			.withUserConfiguration(DatabaseUsers.class)
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(DatabaseUsers.class).workspacesSeenAtCreation).containsExactly(1L, 1L);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnMigratorAndRunsThatOne() {
		try (Db db = TestDatabase.SQLITE.create()) {
			Migrator own = Migrator.builder(db.dataSource()).table("own_history").build();
			this.runner.withBean(DataSource.class, db::dataSource).withBean(Migrator.class, () -> own).run(context -> {
				assertThat(context).hasNotFailed().hasSingleBean(Migrator.class);
				assertThat(context.getBean(Migrator.class)).isSameAs(own);
				assertThat(db.hasTable("own_history")).isTrue();
				assertThat(db.hasTable("_sqlx_migrations")).isFalse();
			});
		}
	}

	@Test
	void doesNothingWhenDisabled() {
		try (Db db = TestDatabase.SQLITE.create()) {
			this.runner.withBean(DataSource.class, db::dataSource)
				.withPropertyValues("replaysafe.enabled=false")
				.run(context -> {
					assertThat(context).hasNotFailed()
						.doesNotHaveBean(Migrator.class)
						.doesNotHaveBean(MigrationInitializer.class)
						.doesNotHaveBean(ReplaysafeProperties.class);
					assertThat(db.hasTable("_sqlx_migrations")).isFalse();
				});
		}
	}

	@Test
	void backsOffWithoutADataSource() {
		this.runner.run(context -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(Migrator.class)
			.doesNotHaveBean(MigrationInitializer.class));
	}

	@EachDatabase
	void aMigrationStrategyReplacesMigratingAtStart(Db db) {
		List<Migrator> calls = new ArrayList<>();
		MigrationStrategy validateOnly = migrator -> {
			calls.add(migrator);
			migrator.validate();
		};
		this.runner.withBean(DataSource.class, db::dataSource)
			.withBean(MigrationStrategy.class, () -> validateOnly)
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(calls).containsExactly(context.getBean(Migrator.class));
				assertThat(context.getBean(MigrationInitializer.class).result()).isEmpty();
				assertThat(db.hasTable("workspaces")).isFalse();
			});
	}

	@Test
	void propertiesReachTheEngineBean() {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_things", "CREATE TABLE IF NOT EXISTS things (id INTEGER);", "DROP TABLE IF EXISTS things;");
		try (Db db = TestDatabase.SQLITE.create()) {
			this.runner.withBean(DataSource.class, db::dataSource)
				.withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.table=app_history",
						"replaysafe.lock-timeout=30s", "replaysafe.validate-checksums=false",
						"replaysafe.ignore-missing=true", "replaysafe.audit=warn")
				.run(context -> {
					Migrator migrator = context.getBean(Migrator.class);
					assertThat(migrator.locations()).containsExactly(dir.location());
					assertThat(migrator.table()).isEqualTo("app_history");
					assertThat(migrator.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
					assertThat(migrator.validateChecksums()).isFalse();
					assertThat(migrator.ignoreMissing()).isTrue();
					assertThat(migrator.auditMode()).isEqualTo(AuditMode.WARN);
					assertThat(db.hasTable("things")).isTrue();
					assertThat(db.hasTable("app_history")).isTrue();
				});
		}
	}

	@EachDatabase
	void aFailingMigrationStopsTheStartWithTheEnginesMessage(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_things", "CREATE TABLE IF NOT EXISTS things (id INTEGER);", "DROP TABLE IF EXISTS things;")
			.migration("0002_broken", "CREATE TABLE IF NOT EXISTS more (id INTEGER);\nSELECT no_such_column FROM things;",
					"DROP TABLE IF EXISTS more;");
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.audit=off")
			.run(context -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				FailureAnalysis analysis = new MigrationFailureAnalyzer(new org.springframework.core.env.StandardEnvironment()).analyze(failure);
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).startsWith("Migration 2 failed at ")
					.contains("0002_broken.sql:2")
					.contains("no_such_column")
					.doesNotContain("Error creating bean");
				assertThat(analysis.getCause()).isInstanceOf(MigrationException.class);
				// An empty database is migrated in one transaction (replaysafe.group=empty): it stays empty.
				assertThat(db.hasTable("things")).isFalse();
				assertThat(db.hasTable("more")).isFalse();
				assertThat(db.hasTable("_sqlx_migrations")).isFalse();
			});
	}

	@EachDatabase
	void groupNeverKeepsTheMigrationsBeforeTheFailedOne(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_things", "CREATE TABLE IF NOT EXISTS things (id INTEGER);", "DROP TABLE IF EXISTS things;")
			.migration("0002_broken", "CREATE TABLE IF NOT EXISTS more (id INTEGER);\nSELECT no_such_column FROM things;",
					"DROP TABLE IF EXISTS more;");
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.audit=off", "replaysafe.group=never")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("0002_broken.sql:2");
				assertThat(db.hasTable("things")).isTrue();
				assertThat(db.hasTable("more")).isFalse();
			});
	}

	@Test
	void theFailureAnalyzerAndInitializerDetectorAreRegistered() {
		SpringFactoriesLoader factories = SpringFactoriesLoader.forDefaultResourceLocation();
		// Others' factories may need what this test class path lacks; only ours matter here.
		SpringFactoriesLoader.FailureHandler ignore = (type, name, failure) -> {
		};
		assertThat(factories.load(FailureAnalyzer.class, ignore))
			.hasAtLeastOneElementOfType(MigrationFailureAnalyzer.class);
		assertThat(factories.load(DatabaseInitializerDetector.class, ignore))
			.hasAtLeastOneElementOfType(MigrationInitializerDatabaseInitializerDetector.class);
	}

	@Test
	void sliceTestsThatInitializeTheDataSourceRunTheMigrations() {
		try (Db db = TestDatabase.SQLITE.create()) {
			// The slice imports Flyway's and Liquibase's auto-configurations too (they are on this test class
			// path, for MigrationToolConflictsTest): off, as an application using replaysafe has them.
			new ApplicationContextRunner().withBean(DataSource.class, db::dataSource)
				.withUserConfiguration(SliceTest.class)
				.withPropertyValues("spring.flyway.enabled=false", "spring.liquibase.enabled=false")
				.run(context -> {
					assertThat(context).hasNotFailed().hasSingleBean(MigrationInitializer.class);
					assertThat(db.hasTable("workspaces")).isTrue();
				});
		}
	}

	/** What {@code @JdbcTest} and {@code @DataJpaTest} carry. */
	@AutoConfigureDataSourceInitialization
	static class SliceTest {

	}

	@Configuration(proxyBeanMethods = false)
	static class DatabaseUsers {

		final List<Long> workspacesSeenAtCreation = new ArrayList<>();

		/** Reads the schema as soon as it is created, as application beans may. */
		@Bean
		Object jdbcTemplateUser(JdbcTemplate jdbc) {
			this.workspacesSeenAtCreation.add(jdbc.queryForObject("SELECT count(*) FROM workspaces", Long.class));
			return new Object();
		}

		@Bean
		@DependsOnDatabaseInitialization
		Object annotatedUser(DataSource dataSource) {
			this.workspacesSeenAtCreation.add(new JdbcTemplate(dataSource).queryForObject("SELECT count(*) FROM workspaces",
					Long.class));
			return new Object();
		}

	}

}
