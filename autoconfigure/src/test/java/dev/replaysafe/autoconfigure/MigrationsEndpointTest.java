package dev.replaysafe.autoconfigure;

import java.util.Map;

import javax.sql.DataSource;

import dev.replaysafe.AuditMode;
import dev.replaysafe.testing.Lexing;
import dev.replaysafe.Migrator;
import dev.replaysafe.autoconfigure.MigrationsEndpoint.MigrationDescriptor;
import dev.replaysafe.autoconfigure.MigrationsEndpoint.MigrationsDescriptor;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint, the health indicator and the metrics, on both databases. */
class MigrationsEndpointTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class,
				ReplaysafeEndpointAutoConfiguration.class, ReplaysafeHealthAutoConfiguration.class,
				ReplaysafeMetricsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	@EachDatabase
	void reportsEveryAppliedMigration(Db db) {
		this.runner.withBean(DataSource.class, db::dataSource).run(context -> {
			MigrationsDescriptor report = context.getBean(MigrationsEndpoint.class).migrations();
			int files = context.getBean(Migrator.class).migrations().size();
			assertThat(report.database()).startsWith(db.kind() == TestDatabase.SQLITE ? "SQLite " : "PostgreSQL ");
			assertThat(report.table()).isEqualTo("_sqlx_migrations");
			assertThat(report.locations()).containsExactly("classpath:db/migrations");
			assertThat(report.currentVersion()).isEqualTo(report.migrations().get(files - 1).version());
			assertThat(report.pending()).isZero();
			assertThat(report.rollbackAvailable()).isFalse();
			assertThat(report.migrations()).hasSize(files).allSatisfy(m -> {
				assertThat(m.state()).isEqualTo("APPLIED");
				assertThat(m.checksum()).hasSize(96);
				assertThat(m.installedOn()).isNotNull();
				assertThat(m.executionTimeMs()).isNotNull();
				assertThat(m.hasDown()).isTrue();
				assertThat(m.script()).as("the up file, as Flyway's endpoint names it").startsWith("db/migrations/000")
					.endsWith(".sql");
			});
			assertThat(report.migrations().get(0).description()).isEqualTo("create workspaces");
			assertThat(report.findings()).as("the reference schema passes the audit")
				.noneMatch(f -> f.severity().equals("ERROR") && f.waived() == null);

			MigrationDescriptor one = context.getBean(MigrationsEndpoint.class).migration(1);
			assertThat(one).isEqualTo(report.migrations().get(0));
			assertThat(context.getBean(MigrationsEndpoint.class).migration(999_999)).isNull();

			Health health = context.getBean(MigrationsHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("currentVersion", report.currentVersion())
				.containsEntry("migrations", files)
				.doesNotContainKeys("pending", "failed", "checksumMismatch", "missingFile");

			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(MigrationMetrics.class).bindTo(registry);
			assertThat(registry.get("replaysafe.migrations.applied").timer().count()).isEqualTo(files);
			assertThat(registry.get("replaysafe.migrations.pending").gauge().value()).isZero();
			assertThat(registry.get("replaysafe.migrations.current.version").gauge().value())
				.isEqualTo(report.currentVersion().doubleValue());
		});
	}

	@EachDatabase
	void reportsPendingFailedChangedAndMissingMigrationsAndHealthIsDown(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_one", "CREATE TABLE IF NOT EXISTS one (id INTEGER);", "DROP TABLE IF EXISTS one;")
			.migration("0002_two", "CREATE TABLE IF NOT EXISTS two (id INTEGER);", "DROP TABLE IF EXISTS two;")
			.migration("0003_three", "CREATE TABLE IF NOT EXISTS three (id INTEGER);", "DROP TABLE IF EXISTS three;");
		Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.OFF).build().migrate();
		// 1 keeps its file, 2 changes, 3 loses its files, 4 is new, 5 is a row another tool left failed.
		dir.file("0002_two.sql", "CREATE TABLE IF NOT EXISTS two (id INTEGER, name TEXT);")
			.delete("0003_three.sql")
			.delete("0003_three.down.sql")
			.migration("0004_four", "CREATE TABLE IF NOT EXISTS four (id INTEGER);", "DROP TABLE IF EXISTS four;")
			.migration("0005_five", "CREATE TABLE IF NOT EXISTS five (id INTEGER);", "DROP TABLE IF EXISTS five;");
		db.execute("INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES (5, "
				+ "'five', false, " + (db.kind() == TestDatabase.SQLITE ? "X'00'" : "'\\x00'::bytea") + ", -1)");
		MigrationStrategy leaveAlone = migrator -> {
		};
		this.runner.withBean(DataSource.class, db::dataSource)
			.withBean(MigrationStrategy.class, () -> leaveAlone)
			.withPropertyValues("replaysafe.locations=" + dir.location())
			.run(context -> {
				MigrationsDescriptor report = context.getBean(MigrationsEndpoint.class).migrations();
				assertThat(report.migrations()).extracting(MigrationDescriptor::version, MigrationDescriptor::state)
					.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "APPLIED"),
							org.assertj.core.groups.Tuple.tuple(2L, "CHECKSUM_MISMATCH"),
							org.assertj.core.groups.Tuple.tuple(3L, "MISSING_FILE"),
							org.assertj.core.groups.Tuple.tuple(4L, "PENDING"),
							org.assertj.core.groups.Tuple.tuple(5L, "FAILED"));
				assertThat(report.pending()).isEqualTo(1);
				assertThat(report.currentVersion()).isEqualTo(3);
				assertThat(report.migrations().get(2).hasDown()).isFalse();
				assertThat(report.migrations().get(3).installedOn()).isNull();
				assertThat(report.findings()).isEmpty();

				Health health = context.getBean(MigrationsHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsAllEntriesOf(Map.of("pending", java.util.List.of(4L), "failed",
						java.util.List.of(5L), "checksumMismatch", java.util.List.of(2L), "missingFile",
						java.util.List.of(3L)));

				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(MigrationMetrics.class).bindTo(registry);
				assertThat(registry.get("replaysafe.migrations.applied").timer().count()).isZero();
				assertThat(registry.get("replaysafe.migrations.pending").gauge().value()).isEqualTo(1);
			});
	}

	@EachDatabase
	void healthIsUpForWhatTheConfigurationToleratesWithTheSameDetails(Db db) {
		MigrationDir newer = MigrationDir.create();
		for (int v = 1; v <= 5; v++) {
			newer.migration("000" + v + "_t" + v, "CREATE TABLE IF NOT EXISTS t" + v + " (id INTEGER);",
					"DROP TABLE IF EXISTS t" + v + ";");
		}
		Migrator.builder(db.dataSource()).locations(newer.location()).build().migrate();
		// This build: 1 unchanged, 2 changed, 3 gone (below the highest file), 4 kept, 5 only in the newer build.
		MigrationDir older = MigrationDir.create()
			.migration("0001_t1", "CREATE TABLE IF NOT EXISTS t1 (id INTEGER);", "DROP TABLE IF EXISTS t1;")
			.migration("0002_t2", "CREATE TABLE IF NOT EXISTS t2 (id INTEGER, name TEXT);", "DROP TABLE IF EXISTS t2;")
			.migration("0004_t4", "CREATE TABLE IF NOT EXISTS t4 (id INTEGER);", "DROP TABLE IF EXISTS t4;");
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + older.location(), "replaysafe.validate-checksums=false",
					"replaysafe.ignore-missing=true")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MigrationsEndpoint.class).migrations().migrations())
					.extracting(MigrationDescriptor::version, MigrationDescriptor::state)
					.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "APPLIED"),
							org.assertj.core.groups.Tuple.tuple(2L, "CHECKSUM_MISMATCH"),
							org.assertj.core.groups.Tuple.tuple(3L, "MISSING_FILE"),
							org.assertj.core.groups.Tuple.tuple(4L, "APPLIED"),
							org.assertj.core.groups.Tuple.tuple(5L, "FUTURE"));
				Health health = context.getBean(MigrationsHealthIndicator.class).health(true);
				assertThat(health.getStatus()).as("the start accepted all of it").isEqualTo(Status.UP);
				assertThat(health.getDetails()).containsAllEntriesOf(Map.of("checksumMismatch", java.util.List.of(2L),
						"missingFile", java.util.List.of(3L), "future", java.util.List.of(5L), "currentVersion", 5L));
				assertThat((String) health.getDetails().get("databaseAhead")).contains("[5]").contains("newer build");
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(MigrationMetrics.class).bindTo(registry);
				assertThat(registry.get("replaysafe.migrations.future").gauge().value()).isEqualTo(1);
			});
		// The same database and files without the tolerations: the start refuses, and health would be DOWN.
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + older.location(), "replaysafe.ignore-future=false")
			.run(context -> assertThat(context).hasFailed());
		this.runner.withBean(DataSource.class, db::dataSource)
			.withBean(MigrationStrategy.class, () -> migrator -> {
			})
			.withPropertyValues("replaysafe.locations=" + older.location(), "replaysafe.ignore-future=false")
			.run(context -> {
				Health health = context.getBean(MigrationsHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@EachDatabase
	void healthIsDownWhileMigrationsArePending(Db db) {
		this.runner.withBean(DataSource.class, db::dataSource)
			.withBean(MigrationStrategy.class, () -> migrator -> {
			})
			.run(context -> {
				Health health = context.getBean(MigrationsHealthIndicator.class).health(true);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).doesNotContainKey("currentVersion");
				assertThat((java.util.List<?>) health.getDetails().get("pending")).isNotEmpty();
				assertThat(context.getBean(MigrationsEndpoint.class).migrations().currentVersion()).isNull();
			});
	}

	@org.junit.jupiter.api.Test
	void reportsTheAuditFindingsOfEveryFileWaivedOnesIncluded() {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_one", "CREATE TABLE one (id INTEGER);", "DROP TABLE IF EXISTS one;")
			.migration("0002_two", "-- replaysafe:allow create-without-if-not-exists created once, on purpose\n"
					+ "CREATE TABLE two (id INTEGER);", "DROP TABLE IF EXISTS two;");
		try (Db db = TestDatabase.SQLITE.create()) {
			this.runner.withBean(DataSource.class, db::dataSource)
				.withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.audit=off")
				.run(context -> {
					MigrationsDescriptor report = context.getBean(MigrationsEndpoint.class).migrations();
					assertThat(report.findings())
						.extracting(MigrationsEndpoint.FindingDescriptor::file, MigrationsEndpoint.FindingDescriptor::rule,
								MigrationsEndpoint.FindingDescriptor::severity, f -> f.waived() != null)
						.containsExactly(
								org.assertj.core.groups.Tuple.tuple(dir.path() + "/0001_one.sql",
										"create-without-if-not-exists", "ERROR", false),
								org.assertj.core.groups.Tuple.tuple(dir.path() + "/0002_two.sql",
										"create-without-if-not-exists", "ERROR", true));
					assertThat(report.findings().get(0).line()).isEqualTo(1);
					assertThat(report.findings().get(0).fix()).isNotBlank();
				});
		}
	}

	@EachDatabase
	void repeatedReadsLexNoFileAgainTheStartsAuditOfThePendingFilesIncluded(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_one", "CREATE TABLE IF NOT EXISTS one (id INTEGER);", "DROP TABLE IF EXISTS one;")
			.migration("0002_two", "-- replaysafe:allow create-without-if-not-exists created once, on purpose\n"
					+ "CREATE TABLE two (id INTEGER);", "DROP TABLE IF EXISTS two;");
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + dir.location())
			.run(context -> {
				MigrationsEndpoint endpoint = context.getBean(MigrationsEndpoint.class);
				long lexed = Lexing.filesLexed();

				MigrationsDescriptor first = endpoint.migrations();
				MigrationsDescriptor second = endpoint.migrations();

				assertThat(Lexing.filesLexed()).as("files lexed by two reads after the start audited them").isEqualTo(lexed);
				assertThat(second.findings()).isEqualTo(first.findings())
					.extracting(MigrationsEndpoint.FindingDescriptor::rule, MigrationsEndpoint.FindingDescriptor::waived)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("create-without-if-not-exists",
							"created once, on purpose"));
			});
	}

	@org.junit.jupiter.api.Test
	void healthAndMetricsBackOffWithTheEngine() {
		this.runner.withPropertyValues("replaysafe.enabled=false")
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationsHealthIndicator.class)
				.doesNotHaveBean(MigrationMetrics.class));
	}

	@org.junit.jupiter.api.Test
	void theHealthIndicatorCanBeDisabled() {
		try (Db db = TestDatabase.SQLITE.create()) {
			this.runner.withBean(DataSource.class, db::dataSource)
				.withPropertyValues("management.health.migrations.enabled=false")
				.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationsHealthIndicator.class));
		}
	}

}
