package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * {@link GroupMode}: on an empty database the pending ups and their history rows share one
 * transaction (one commit), so a failure anywhere leaves the database as it was, empty.
 */
class GroupedRunTest {

	private static final String FAILING = "CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);\n"
			+ "INSERT INTO no_such_table (id) VALUES (1) ON CONFLICT DO NOTHING;\n";

	private static MigrationDir threeMigrations(String third) {
		return MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);\n"
					+ "INSERT INTO a (id) VALUES (1) ON CONFLICT DO NOTHING;", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;")
			.migration("0003_c", third, "DROP TABLE IF EXISTS c;");
	}

	private static Migrator migrator(DataSource ds, MigrationDir dir, GroupMode group) {
		return Migrator.builder(ds).locations(dir.location()).group(group).build();
	}

	/** For files that are PostgreSQL's only (CONCURRENTLY, schemas). */
	private static Migrator postgresOnly(DataSource ds, MigrationDir dir) {
		return Migrator.builder(ds).locations(dir.location()).group(GroupMode.EMPTY)
			.databases(Audit.Database.POSTGRESQL).build();
	}

	@Test
	void theDefaultGroupsOnAnEmptyDatabase() {
		assertThat(Migrator.DEFAULT_GROUP).isEqualTo(GroupMode.EMPTY);
		assertThat(Migrator.builder(new SQLiteDataSource()).build().group()).isEqualTo(GroupMode.EMPTY);
	}

	@EachDatabase
	void aFolderWithoutMigrationsOnAnEmptyDatabaseIsAcceptedGroupedAndAgain(Db db) {
		// Found by the bad-input corpus: the grouped run of nothing unboxed a missing version.
		MigrationDir dir = MigrationDir.create();
		for (GroupMode group : GroupMode.values()) {
			MigrateResult result = migrator(db.dataSource(), dir, group).migrate();
			assertThat(result.applied()).as(group.toString()).isEmpty();
			assertThat(result.currentVersion()).as(group.toString()).isNull();
		}
	}

	@EachDatabase
	void onAnEmptyDatabaseAFailureInAnyFileLeavesItEmptyWithoutAHistoryTableAndNamesTheFileAndLine(Db db) {
		MigrationDir dir = threeMigrations(FAILING);

		Throwable thrown = catchThrowable(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build()
			.migrate());

		assertThat(thrown).isInstanceOf(MigrationException.class)
			.hasMessageContaining("Migration 3 failed at " + dir.path() + "/0003_c.sql:2: ")
			.hasMessageContaining("no_such_table")
			.hasMessageContaining("Migrations 1 to 3 ran together in one transaction (replaysafe.group=empty), which "
					+ "was rolled back: nothing was applied, and the database is as it was before the run (empty, "
					+ "without the history table _sqlx_migrations)");
		assertThat(((MigrationException) thrown).kind()).isEqualTo(MigrationException.Kind.MIGRATION_FAILED);
		assertThat(db.hasTable("a")).isFalse();
		assertThat(db.hasTable("b")).isFalse();
		assertThat(db.hasTable("c")).isFalse();
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();

		dir.file("0003_c.sql", "CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);");
		MigrateResult fixed = Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(fixed.applied()).extracting(MigrateResult.Applied::version).containsExactly(1L, 2L, 3L);
		assertThat(fixed.currentVersion()).isEqualTo(3L);
		assertThat(db.queryLong("SELECT count(*) FROM a")).isEqualTo(1);
		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().status())
			.extracting(MigrationStatus::state).containsOnly(MigrationStatus.State.APPLIED).hasSize(3);
	}

	@EachDatabase
	void aGroupedRunWritesTheSameHistoryAsOneMigrationAtATime(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);");

		assertThat(migrator(db.dataSource(), dir, GroupMode.EMPTY).migrate().applied()).hasSize(3);

		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success AND execution_time >= 0"))
			.isEqualTo(3);
		assertThat(migrator(db.dataSource(), dir, GroupMode.NEVER).validate()).extracting(MigrationStatus::checksum)
			.containsExactlyElementsOf(migrator(db.dataSource(), dir, GroupMode.NEVER).migrations().stream()
				.map(m -> SqlFile.hex(m.checksum())).toList());
		assertThat(migrator(db.dataSource(), dir, GroupMode.EMPTY).migrate().applied()).isEmpty();
	}

	@EachDatabase
	void neverKeepsTheMigrationsBeforeTheFailedOne(Db db) {
		MigrationDir dir = threeMigrations(FAILING);

		Throwable thrown = catchThrowable(() -> migrator(db.dataSource(), dir, GroupMode.NEVER).migrate());

		assertThat(thrown).hasMessageContaining("Migration 3 failed at " + dir.path() + "/0003_c.sql:2: ")
			.hasMessageContaining("Nothing of this migration was applied (its transaction was rolled back); earlier "
					+ "migrations stay applied");
		assertThat(db.hasTable("b")).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(2);
	}

	@EachDatabase
	void emptyDoesNotGroupOnADatabaseThatHasAHistory(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);",
				"DROP TABLE IF EXISTS a;");
		migrator(db.dataSource(), dir, GroupMode.EMPTY).migrate();
		dir.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;")
			.migration("0003_c", FAILING, "DROP TABLE IF EXISTS c;");

		assertThat(catchThrowable(() -> migrator(db.dataSource(), dir, GroupMode.EMPTY).migrate()))
			.hasMessageContaining("Migration 3 failed at " + dir.path() + "/0003_c.sql:2: ")
			.hasMessageContaining("earlier migrations stay applied");
		assertThat(db.hasTable("b")).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(2);
	}

	@EachDatabase
	void alwaysGroupsTheRunsPendingMigrationsOnADatabaseThatHasAHistory(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);",
				"DROP TABLE IF EXISTS a;");
		migrator(db.dataSource(), dir, GroupMode.NEVER).migrate();
		dir.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;")
			.migration("0003_c", FAILING, "DROP TABLE IF EXISTS c;");

		assertThat(catchThrowable(() -> migrator(db.dataSource(), dir, GroupMode.ALWAYS).migrate()))
			.hasMessageContaining("Migration 3 failed at " + dir.path() + "/0003_c.sql:2: ")
			.hasMessageContaining("Migrations 2 to 3 ran together in one transaction (replaysafe.group=always), which "
					+ "was rolled back: none of them was applied; migrations before 2 stay applied. Fix the file and "
					+ "start again: the run resumes at migration 2.");
		assertThat(db.hasTable("a")).isTrue();
		assertThat(db.hasTable("b")).isFalse();
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(1);

		dir.file("0003_c.sql", "CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);");
		assertThat(migrator(db.dataSource(), dir, GroupMode.ALWAYS).migrate().applied())
			.extracting(MigrateResult.Applied::version).containsExactly(2L, 3L);
	}

	@EachDatabase
	void alwaysAppliesAFailedRowAgainInsideTheGroup(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);");
		migrator(db.dataSource(), dir, GroupMode.NEVER).migrate();
		db.execute("UPDATE _sqlx_migrations SET success = " + (db.kind() == TestDatabase.SQLITE ? "0" : "FALSE")
				+ " WHERE version = 2");

		assertThat(migrator(db.dataSource(), dir, GroupMode.ALWAYS).migrate().applied())
			.extracting(MigrateResult.Applied::version).containsExactly(2L);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success")).isEqualTo(3);
	}

	/**
	 * A no-transaction file runs on its own on PostgreSQL (CREATE INDEX CONCURRENTLY cannot run in a
	 * transaction), splitting the group: what came before it is committed. SQLite runs every file in
	 * a transaction, so there it is grouped like any other.
	 */
	@EachDatabase
	void aNoTransactionFileSplitsTheGroupOnPostgresAndIsGroupedOnSqlite(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY, name TEXT);", "DROP TABLE IF EXISTS a;")
			.migration("0002_index", "-- replaysafe:no-transaction\n"
					+ (db.kind() == TestDatabase.POSTGRES
							? "CREATE INDEX CONCURRENTLY IF NOT EXISTS a_name ON a (name);\n"
							: "CREATE INDEX IF NOT EXISTS a_name ON a (name);\n"),
					"DROP INDEX IF EXISTS a_name;")
			.migration("0003_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;")
			.migration("0004_c", FAILING, "DROP TABLE IF EXISTS c;");

		Throwable thrown = catchThrowable(() -> (db.kind() == TestDatabase.POSTGRES ? postgresOnly(db.dataSource(), dir)
				: migrator(db.dataSource(), dir, GroupMode.EMPTY)).migrate());

		assertThat(thrown).hasMessageContaining("Migration 4 failed at " + dir.path() + "/0004_c.sql:2: ");
		assertThat(db.hasTable("b")).isFalse();
		if (db.kind() == TestDatabase.POSTGRES) {
			assertThat(thrown).hasMessageContaining("Migrations 3 to 4 ran together in one transaction "
					+ "(replaysafe.group=empty), which was rolled back: none of them was applied; migrations before 3 "
					+ "stay applied");
			assertThat(db.hasTable("a")).isTrue();
			assertThat(db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'a_name'")).isEqualTo(1);
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(2);
		}
		else {
			assertThat(thrown).hasMessageContaining("Migrations 1 to 4 ran together in one transaction");
			assertThat(db.hasTable("a")).isFalse();
			assertThat(db.hasTable("_sqlx_migrations")).isFalse();
		}
	}

	/** A no-transaction file first: the history table is created before it, on its own, as without grouping. */
	@Test
	void aNoTransactionFileFirstOnPostgresGetsTheHistoryTableBeforeIt() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = MigrationDir.create()
				.migration("0001_t", "-- replaysafe:no-transaction\nCREATE TABLE IF NOT EXISTS a (id INT, name TEXT);",
						"DROP TABLE IF EXISTS a;")
				.migration("0002_index", "-- replaysafe:no-transaction\n"
						+ "CREATE INDEX CONCURRENTLY IF NOT EXISTS a_name ON a (name);", "DROP INDEX IF EXISTS a_name;")
				.migration("0003_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;");

			assertThat(postgresOnly(db.dataSource(), dir).migrate().applied())
				.extracting(MigrateResult.Applied::version).containsExactly(1L, 2L, 3L);
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success")).isEqualTo(3);
		}
	}

	/** What lasts until the end of its transaction must not reach the next file: that file runs on its own. */
	@Test
	void onPostgresAFileWithSetLocalRunsInItsOwnTransaction() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = MigrationDir.create()
				.migration("0001_schema", "CREATE SCHEMA IF NOT EXISTS other;", "DROP SCHEMA IF EXISTS other;")
				.migration("0002_x", "SET LOCAL search_path TO other;\nCREATE TABLE IF NOT EXISTS x (id INT);",
						"DROP TABLE IF EXISTS other.x;")
				.migration("0003_y", "CREATE TABLE IF NOT EXISTS y (id INT);", "DROP TABLE IF EXISTS y;");

			postgresOnly(db.dataSource(), dir).migrate();

			assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'other' AND tablename = 'x'"))
				.isEqualTo(1);
			assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'y'"))
				.as("y is created where it would be without grouping").isEqualTo(1);
		}
	}

	/**
	 * SQLite runs a file that drops a table with foreign keys off, which it allows only outside a
	 * transaction: with foreign keys on, that file runs on its own and what came before is committed.
	 */
	@Test
	void onSqliteAFileThatDropsATableWithForeignKeysOnSplitsTheGroup() throws SQLException {
		try (Db db = TestDatabase.SQLITE.create()) {
			SQLiteConfig config = new SQLiteConfig();
			config.enforceForeignKeys(true);
			SQLiteDataSource ds = new SQLiteDataSource(config);
			ds.setUrl(db.url());
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);\n"
						+ "CREATE TABLE IF NOT EXISTS scratch (id INT);", "DROP TABLE IF EXISTS a;")
				.migration("0002_drop", "-- replaysafe:allow replay-undoes-later-change a replay of 0001 would create "
						+ "scratch again; beside the point here\nDROP TABLE IF EXISTS scratch;",
						"-- replaysafe:allow empty-down the test never rolls back\n")
				.migration("0003_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;")
				.migration("0004_c", FAILING, "DROP TABLE IF EXISTS c;");

			Throwable thrown = catchThrowable(() -> migrator(ds, dir, GroupMode.EMPTY).migrate());

			assertThat(thrown).hasMessageContaining("Migration 4 failed at " + dir.path() + "/0004_c.sql:2: ")
				.hasMessageContaining("migrations before 3 stay applied");
			assertThat(db.hasTable("a")).isTrue();
			assertThat(db.hasTable("scratch")).isFalse();
			assertThat(db.hasTable("b")).isFalse();
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(2);
			try (Connection c = ds.getConnection()) {
				assertThat(c.createStatement().executeQuery("PRAGMA foreign_keys").getInt(1)).isEqualTo(1);
			}
		}
	}

	/**
	 * PostgreSQL holds every lock a transaction takes until it ends, in a lock table shared by all
	 * sessions. A group estimated above half of it runs migration by migration, and says so; the
	 * estimate counts the words of the text, so a comment full of CREATEs is enough to cross it on
	 * a real server with its real settings. SQLite has no such table: the same set is grouped.
	 */
	@EachDatabase
	void aGroupOverHalfOfPostgresLockTableRunsEachMigrationInItsOwnTransaction(Db db) {
		long half = db.kind() == TestDatabase.POSTGRES ? db.queryLong("SELECT current_setting("
				+ "'max_locks_per_transaction')::bigint * (current_setting('max_connections')::bigint "
				+ "+ current_setting('max_prepared_transactions')::bigint) / 2") : 1000;
		// Three locks estimated per CREATE: a third of the budget in each of two files, plus a margin.
		String words = "-- " + "CREATE ".repeat((int) (half / 3 / 2) + 10) + "\n";
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", words + "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", words + "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;")
			.migration("0003_c", FAILING, "DROP TABLE IF EXISTS c;");
		Logger logger = (Logger) LoggerFactory.getLogger(Migrator.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		try {
			Throwable thrown = catchThrowable(() -> migrator(db.dataSource(), dir, GroupMode.EMPTY).migrate());

			assertThat(thrown).hasMessageContaining("Migration 3 failed at " + dir.path() + "/0003_c.sql:2: ");
			List<String> messages = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
			if (db.kind() == TestDatabase.POSTGRES) {
				assertThat(thrown).hasMessageContaining("earlier migrations stay applied");
				assertThat(db.hasTable("b")).isTrue();
				assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(2);
				assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("Applying migrations 1 to 3 each in its "
						+ "own transaction, not in one (replaysafe.group=empty)").contains("more than half of "
								+ "PostgreSQL's lock table (" + half + " = max_locks_per_transaction"));
			}
			else {
				assertThat(thrown).hasMessageContaining("Migrations 1 to 3 ran together in one transaction");
				assertThat(db.hasTable("a")).isFalse();
				assertThat(db.hasTable("_sqlx_migrations")).isFalse();
				assertThat(messages).noneSatisfy(m -> assertThat(m).contains("each in its own transaction"));
			}
		}
		finally {
			logger.detachAppender(logged);
		}
	}
}
