package dev.replaysafe.autoconfigure;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import dev.replaysafe.MigrationException;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** A real failed start of each kind: the description is the engine's message, the Action fits the kind. */
class MigrationFailureAnalyzerTest {

	private Db db;

	@BeforeEach
	void database() {
		this.db = TestDatabase.SQLITE.create();
	}

	@AfterEach
	void drop() {
		this.db.close();
	}

	private FailureAnalysis failedStart(MigrationException.Kind kind, String... properties) {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class))
			.withBean(DataSource.class, this.db::dataSource)
			.withPropertyValues(properties)
			.run(context -> {
				assertThat(context).hasFailed();
				analysis[0] = new MigrationFailureAnalyzer(new MockEnvironment()).analyze(context.getStartupFailure());
			});
		assertThat(analysis[0]).isNotNull();
		assertThat(((MigrationException) analysis[0].getCause()).kind()).isEqualTo(kind);
		assertThat(analysis[0].getDescription()).doesNotContain("Error creating bean");
		return analysis[0];
	}

	private static String location(MigrationDir dir) {
		return "replaysafe.locations=" + dir.location();
	}

	@Test
	void anAuditFindingSaysNothingRanAndHowToFixOrWaiveIt() {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "CREATE TABLE a (id INT);", "DROP TABLE IF EXISTS a;");
		FailureAnalysis analysis = failedStart(MigrationException.Kind.AUDIT, location(dir));
		assertThat(analysis.getAction()).startsWith("Nothing was run").contains("-- replaysafe:allow <rule-id> <reason>");
		assertThat(this.db.hasTable("a")).isFalse();
	}

	@Test
	void invalidFilesSayNothingRanAndToFixTheFiles() {
		MigrationDir dir = MigrationDir.create().file("0001_a.sql", "SELECT 1;");
		FailureAnalysis analysis = failedStart(MigrationException.Kind.INVALID_FILES, location(dir));
		assertThat(analysis.getDescription()).contains("0001_a");
		assertThat(analysis.getAction()).startsWith("Nothing was run").contains("NNNN_name.down.sql");
	}

	@Test
	void aRefusedStatementSaysNothingRan() {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);\nCOMMIT;", "DROP TABLE IF EXISTS a;");
		FailureAnalysis analysis = failedStart(MigrationException.Kind.REFUSED, location(dir));
		assertThat(analysis.getAction()).startsWith("Nothing was run. Remove or move the statements");
		assertThat(this.db.hasTable("a")).isFalse();
	}

	@Test
	void aChangedAppliedFileSaysToRestoreIt() {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class))
			.withBean(DataSource.class, this.db::dataSource).withPropertyValues(location(dir))
			.run(context -> assertThat(context).hasNotFailed());
		dir.file("0001_a.sql", "CREATE TABLE IF NOT EXISTS a (id INT, b INT);");
		FailureAnalysis analysis = failedStart(MigrationException.Kind.HISTORY_MISMATCH, location(dir));
		assertThat(analysis.getAction()).contains("restore the files").contains("new migration");
	}

	@Test
	void aLockTimeoutNamesTheProperty() throws Exception {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
		try (Connection holder = this.db.connect(); Statement s = holder.createStatement()) {
			s.execute("BEGIN IMMEDIATE");
			FailureAnalysis analysis = failedStart(MigrationException.Kind.LOCK_TIMEOUT, location(dir),
					"replaysafe.lock-timeout=200ms");
			assertThat(analysis.getAction()).contains("held the migration lock").contains("raise replaysafe.lock-timeout");
			s.execute("ROLLBACK");
		}
	}

	@Test
	void aBadSettingSaysToCorrectIt() {
		FailureAnalysis analysis = failedStart(MigrationException.Kind.CONFIGURATION, "replaysafe.table=1abc");
		assertThat(analysis.getDescription()).contains("is not a valid identifier");
		assertThat(analysis.getAction()).isEqualTo("Nothing was run. Correct the setting named above and start again.");
	}

	@Test
	void aDatabaseThatCannotBeReachedNamesTheUrlWithoutItsPasswordAndTheUser() {
		FailureAnalysis[] analysis = new FailureAnalysis[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ReplaysafeAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/app?password=s3cret",
					"spring.datasource.username=app", "spring.datasource.hikari.connection-timeout=250")
			.run(context -> {
				assertThat(context).hasFailed();
				// The environment a failed start had: the same properties.
				MockEnvironment environment = new MockEnvironment()
					.withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/app?password=s3cret")
					.withProperty("spring.datasource.username", "app");
				analysis[0] = new MigrationFailureAnalyzer(environment).analyze(context.getStartupFailure());
			});
		assertThat(((MigrationException) analysis[0].getCause()).kind()).isEqualTo(MigrationException.Kind.CONNECTION);
		assertThat(analysis[0].getAction()).contains("jdbc:postgresql://127.0.0.1:1/app?password=*** as user app")
			.doesNotContain("s3cret");
	}

	@Test
	void passwordsAreRemovedFromUrls() {
		assertThat(MigrationFailureAnalyzer.withoutPassword("jdbc:postgresql://h/db?user=u&password=p&ssl=true"))
			.isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
		assertThat(MigrationFailureAnalyzer.withoutPassword("jdbc:postgresql://u:p@h/db")).isEqualTo("jdbc:postgresql://u:***@h/db");
		assertThat(MigrationFailureAnalyzer.withoutPassword("jdbc:sqlite:data/app.db")).isEqualTo("jdbc:sqlite:data/app.db");
	}
}
