package dev.replaysafe.autoconfigure;

import javax.sql.DataSource;

import dev.replaysafe.Audit;
import dev.replaysafe.Migrator;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replaysafe.databases}: the databases the migrations must run on, and what the audit checks for them. */
class AuditTargetTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class));

	/** A migration that uses the database's own time function: fine on it, not portable. */
	private static MigrationDir usingOwnFunction(Db db) {
		String own = db.kind() == TestDatabase.SQLITE ? "datetime('now')" : "now()";
		return MigrationDir.create().migration("0001_notes", "CREATE TABLE IF NOT EXISTS notes (id INT, at VARCHAR(40));\n"
				+ "UPDATE notes SET at = " + own + " WHERE at IS NULL;", "DROP TABLE IF EXISTS notes;");
	}

	private static String target(Db db) {
		return db.kind() == TestDatabase.SQLITE ? "sqlite" : "postgresql";
	}

	@Test
	void theDefaultTargetIsBothDatabases() {
		try (Db db = TestDatabase.SQLITE.create()) {
			this.runner.withBean(DataSource.class, db::dataSource)
				.run(context -> assertThat(context.getBean(Migrator.class).databases())
					.containsExactlyInAnyOrder(Audit.Database.SQLITE, Audit.Database.POSTGRESQL));
		}
	}

	@EachDatabase
	void withBothTargetsAMigrationUsingOneDatabasesFunctionIsRefusedBeforeItRuns(Db db) {
		MigrationDir dir = usingOwnFunction(db);
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + dir.location())
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(db.kind() == TestDatabase.SQLITE ? "[sqlite-only-function]" : "[postgres-only-syntax]");
				assertThat(db.hasTable("notes")).isFalse();
			});
	}

	@EachDatabase
	void withItsOwnDatabaseAsTheOnlyTargetTheSameMigrationAppliesWithoutAWaiver(Db db) {
		MigrationDir dir = usingOwnFunction(db);
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.databases=" + target(db))
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Migrator.class).databases()).containsExactly(
						db.kind() == TestDatabase.SQLITE ? Audit.Database.SQLITE : Audit.Database.POSTGRESQL);
				assertThat(db.hasTable("notes")).isTrue();
			});
	}

	@EachDatabase
	void withOneTargetTheReplayRulesStillStopTheRun(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_notes", "CREATE TABLE notes (id INT);",
				"DROP TABLE IF EXISTS notes;");
		this.runner.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("replaysafe.locations=" + dir.location(), "replaysafe.databases=" + target(db))
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("[create-without-if-not-exists]");
				assertThat(db.hasTable("notes")).isFalse();
			});
	}
}
