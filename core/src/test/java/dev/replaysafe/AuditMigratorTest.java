package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/** The audit inside {@link Migrator#migrate()}: when it runs, what it reads, what each mode does; on each database. */
class AuditMigratorTest {

	private static MigrationDir cleanThenUnsafe() {
		return MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE b (id INT PRIMARY KEY);\nINSERT INTO b (id) VALUES (1);",
					"DROP TABLE IF EXISTS b;")
			.migration("0003_c", "CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);", "-- nothing to undo\n");
	}

	private static Migrator migrator(Db db, MigrationDir dir, AuditMode mode) {
		return Migrator.builder(db.dataSource()).locations(dir.location()).audit(mode).build();
	}

	@EachDatabase
	void failModeStopsBeforeAnyStatementRunsAndListsEveryFinding(Db db) {
		MigrationDir dir = cleanThenUnsafe();

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.isInstanceOfSatisfying(MigrationException.class, e -> {
				assertThat(e.getMessage()).startsWith("The audit found 3 problem(s) in the pending migrations; "
						+ "nothing was executed.");
				assertThat(e.problems()).containsExactly(
						dir.location().substring("filesystem:".length()) + "/0002_b.sql:1:1 "
								+ "[create-without-if-not-exists] CREATE TABLE without IF NOT EXISTS fails when the "
								+ "file runs again. Fix: CREATE TABLE IF NOT EXISTS b ...",
						dir.location().substring("filesystem:".length()) + "/0002_b.sql:2:1 "
								+ "[insert-without-conflict-guard] INSERT without ON CONFLICT ... DO NOTHING (or DO "
								+ "UPDATE) or WHERE NOT EXISTS fails or duplicates rows when the file runs again. Fix: "
								+ "INSERT INTO t (...) VALUES (...) ON CONFLICT (key) DO NOTHING",
						dir.location().substring("filesystem:".length()) + "/0003_c.down.sql:1:1 [empty-down] the "
								+ "down has no executable statement (empty, or comments only), so a rollback would "
								+ "only delete the history row and leave the schema as the up made it. Fix: "
								+ Audit.Rule.EMPTY_DOWN.fix());
			});
		assertThat(db.hasTable("a")).as("the clean first migration did not run either").isFalse();
		assertThat(db.hasTable("_sqlx_migrations")).as("not even the history table was created").isFalse();
	}

	@EachDatabase
	void warnModeLogsTheFindingsAndApplies(Db db) {
		Logger logger = (Logger) LoggerFactory.getLogger(Migrator.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		try {
			MigrateResult result = migrator(db, cleanThenUnsafe(), AuditMode.WARN).migrate();

			assertThat(result.applied()).hasSize(3);
			assertThat(db.queryLong("SELECT count(*) FROM b")).isEqualTo(1);
			assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
				.extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy(m -> assertThat(m).contains("0002_b.sql:1:1 [create-without-if-not-exists]"))
				.anySatisfy(m -> assertThat(m).contains("0002_b.sql:2:1 [insert-without-conflict-guard]"))
				.anySatisfy(m -> assertThat(m).contains("0003_c.down.sql:1:1 [empty-down]"));
		}
		finally {
			logger.detachAppender(logged);
		}
	}

	@EachDatabase
	void offModeApplies(Db db) {
		assertThat(migrator(db, cleanThenUnsafe(), AuditMode.OFF).migrate().applied()).hasSize(3);
	}

	@EachDatabase
	void waivedFindingsAndWarningsDoNotStopAFailRun(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_counter", "CREATE TABLE IF NOT EXISTS counter (n INT);\n"
					+ "-- replaysafe:allow insert-without-conflict-guard counts how often the file ran\n"
					+ "INSERT INTO counter (n) VALUES (1);\n"
					+ "UPDATE counter SET n = n + 0;", "DROP TABLE IF EXISTS counter;");

		MigrateResult result = migrator(db, dir, AuditMode.FAIL).migrate();

		assertThat(result.applied()).hasSize(1);
		assertThat(db.queryLong("SELECT count(*) FROM counter")).isEqualTo(1);
	}

	@EachDatabase
	void onlyPendingFilesAreAuditedSoAnAppliedFileWithAFindingDoesNotStopALaterRun(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE a (id INT);", "DROP TABLE IF EXISTS a;");
		migrator(db, dir, AuditMode.OFF).migrate();
		dir.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);", "DROP TABLE IF EXISTS b;");

		MigrateResult result = migrator(db, dir, AuditMode.FAIL).migrate();

		assertThat(result.applied()).extracting(MigrateResult.Applied::version).containsExactly(2L);
		assertThat(migrator(db, dir, AuditMode.FAIL).audit()).extracting(Finding::rule)
			.as("audit() still reads every file").containsExactly("create-without-if-not-exists");
	}

	@EachDatabase
	void aPendingFileIsAuditedEvenWhenItsHistoryRowIsMarkedFailed(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE a (id INT);", "DROP TABLE IF EXISTS a;");
		migrator(db, dir, AuditMode.OFF).migrate();
		db.execute("UPDATE _sqlx_migrations SET success = FALSE");

		assertThatThrownBy(() -> migrator(db, dir, AuditMode.FAIL).migrate())
			.hasMessageContaining("0001_a.sql:1:1 [create-without-if-not-exists]");
	}

	@EachDatabase
	void aWarmStartLexesNoAppliedFile(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
		migrator(db, dir, AuditMode.FAIL).migrate();
		// The down is not part of the checksum: a down the lexer rejects shows whether anything read it.
		dir.file("0001_a.down.sql", "DROP TABLE IF EXISTS 'a;");

		MigrateResult warm = migrator(db, dir, AuditMode.FAIL).migrate();

		assertThat(warm.applied()).isEmpty();
		assertThatThrownBy(() -> migrator(db, dir, AuditMode.FAIL).audit())
			.hasMessageContaining("0001_a.down.sql:1:22: unterminated string literal");
	}

	@EachDatabase
	void theGoodCorpusIsReplaySafeAndPortableInFact(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).locations("classpath:audit/good")
			.scratchDatabases(db.scratchDatabases()).build();
		assertThat(migrator.audit()).isEmpty();

		migrator.migrate();
		db.execute("DROP TABLE _sqlx_migrations");
		MigrateResult replay = migrator.migrate();

		assertThat(replay.applied()).hasSize(3);
		assertThat(db.queryLong("SELECT count(*) FROM notes")).isEqualTo(3);
		assertThat(db.queryLong("SELECT count(*) FROM notes WHERE serial = 'S-' || id")).isEqualTo(3);
		assertThat(db.hasColumn("notes", "price")).isFalse();

		Rollback.of(migrator).rollback(0);
		assertThat(db.hasTable("notes")).isFalse();
		assertThat(migrator.migrate().applied()).hasSize(3);
	}
}
