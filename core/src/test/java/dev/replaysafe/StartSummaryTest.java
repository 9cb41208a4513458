package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/** What a start tells: the summary names the database (no password), locations and table; durations agree. */
class StartSummaryTest {

	private static List<String> infoLines(Runnable run) {
		Logger logger = (Logger) LoggerFactory.getLogger(Migrator.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		try {
			run.run();
		}
		finally {
			logger.detachAppender(logged);
			logger.setLevel(level);
		}
		return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@EachDatabase
	void theSummaryNamesTheDatabaseWithoutItsPasswordTheLocationsAndTheHistoryTable(Db db) {
		String product = db.kind() == TestDatabase.SQLITE ? "SQLite " : "PostgreSQL ";
		List<String> cold = infoLines(() -> Migrator.builder(db.dataSource()).build().migrate());
		List<String> warm = infoLines(() -> Migrator.builder(db.dataSource()).build().migrate());

		assertThat(cold.get(cold.size() - 1)).startsWith("Applied 9 migration(s) in ").contains(product)
			.contains("locations classpath:db/migrations").contains("history table _sqlx_migrations");
		assertThat(warm).last().satisfies(line -> assertThat(line).startsWith("Schema is up to date at version 9")
			.contains(product).contains(" at jdbc:").contains("locations classpath:db/migrations")
			.contains("history table _sqlx_migrations"));
		// The test URL of PostgreSQL carries ?user=...&password=...: never shown.
		assertThat(String.join("\n", cold) + String.join("\n", warm)).doesNotContain("password=replaysafe");
		if (db.kind() == TestDatabase.POSTGRES) {
			assertThat(warm).last().asString().containsPattern(" at jdbc:postgresql://127\\.0\\.0\\.1:\\d+/rs_\\w+ as replaysafe, ");
		}
	}

	@EachDatabase
	void eachMigrationsTimeIsTheSameInTheLogTheResultAndTheHistory(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		MigrateResult[] result = new MigrateResult[1];
		List<String> lines = infoLines(() -> result[0] = migrator.migrate());

		Map<Long, Long> recorded = migrator.status().stream()
			.collect(Collectors.toMap(MigrationStatus::version, MigrationStatus::executionTimeMs));
		assertThat(result[0].applied()).hasSize(9).allSatisfy(a -> {
			assertThat(recorded.get(a.version())).isEqualTo(a.duration().toMillis());
			assertThat(lines).contains("Applied migration " + a.version() + " (" + a.description() + ") in "
					+ a.duration().toMillis() + " ms");
		});
		assertThat(migrator.status()).extracting(MigrationStatus::script).allMatch(s -> s.startsWith("db/migrations/000"));
	}

	private static List<String> warnings(Runnable run) {
		return MigrationSourceTest.warnings(run);
	}

	@EachDatabase
	void aSchemaWithForeignKeysOnAConnectionThatIgnoresThemIsWarnedAboutOnce(Db db) {
		// The reference schema declares foreign keys; TestDatabase's SQLite connections leave foreign_keys off.
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		List<String> first = warnings(migrator::migrate);
		List<String> again = warnings(migrator::migrate);

		if (db.kind() == TestDatabase.SQLITE) {
			assertThat(first).singleElement().asString().contains("declares foreign keys (tables [")
				.contains("documents").contains("?foreign_keys=true");
			assertThat(again).as("once per engine").isEmpty();
			org.sqlite.SQLiteDataSource enforcing = new org.sqlite.SQLiteDataSource();
			enforcing.setUrl(db.url() + "?foreign_keys=true");
			assertThat(warnings(() -> Migrator.builder(enforcing).build().migrate())).isEmpty();
		}
		else {
			assertThat(first).as("PostgreSQL always enforces them").isEmpty();
		}
	}
}
