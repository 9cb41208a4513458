package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The check after each migration's statements: what the token check cannot see (dynamic SQL, a
 * trigger) must not have changed the history's rows; if it did, the migration is rolled back.
 */
class HistoryBackstopTest {

	/** PostgreSQL bodies the token check cannot read: dollar-quoted, or a name built at run time. */
	static final List<String> POSTGRES_BODIES = List.of(
			"DELETE FROM _sqlx_migrations WHERE version = 1;",
			"DELETE FROM _sqlx_migrations;",
			"UPDATE _sqlx_migrations SET success = FALSE WHERE version = 1;",
			"UPDATE _sqlx_migrations SET checksum = '\\x00'::bytea WHERE version = 1;",
			"UPDATE _sqlx_migrations SET checksum = sha384(checksum) WHERE version = 1;",
			"UPDATE _sqlx_migrations SET version = 5 WHERE version = 1;",
			"INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) "
					+ "VALUES (9, 'fake', TRUE, '\\x00'::bytea, 0);",
			"EXECUTE 'DELETE FROM ' || '_sqlx' || '_migrations';",
			"EXECUTE format('UPDATE %I SET success = false', '_sqlx' || '_migrations');",
			"EXECUTE 'TRUNCATE ' || '_sqlx' || '_migrations';");

	@Test
	void aDoBlockThatChangesTheHistoryIsRolledBackOnPostgres() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			SoftAssertions soft = new SoftAssertions();
			for (String body : POSTGRES_BODIES) {
				MigrationDir dir = first();
				migrator(db, dir).migrate();
				dir.migration("0002_sneaky", "CREATE TABLE IF NOT EXISTS b (id INT);\n"
						+ "-- replaysafe:allow postgres-only-syntax the test needs a DO block\n"
						+ "DO $$ BEGIN " + body + " END $$;\n", "DROP TABLE IF EXISTS b;")
					.migration("0003_after", "CREATE TABLE IF NOT EXISTS c (id INT);", "DROP TABLE IF EXISTS c;");

				Throwable thrown = catchThrowable(() -> migrator(db, dir).migrate());

				soft.assertThat(thrown).as(body).isInstanceOf(MigrationException.class)
					.hasMessageContaining("Migration 2 (" + dir.path() + "/0002_sneaky.sql) changed the rows of the "
							+ "history table _sqlx_migrations")
					.hasMessageContaining("nothing of this migration was applied");
				soft.assertThat(db.hasTable("b")).as(body).isFalse();
				soft.assertThat(db.hasTable("c")).as("%s: the run stopped there", body).isFalse();
				soft.assertThat(migrator(db, dir).status()).as(body).extracting(MigrationStatus::state)
					.containsExactly(MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING,
							MigrationStatus.State.PENDING);
				db.execute("DROP TABLE _sqlx_migrations", "DROP TABLE a");
			}
			soft.assertAll();
		}
	}

	/**
	 * On an empty database the history table is created in the same transaction as the migrations
	 * (the grouped first run): a TRUNCATE then keeps the table's file, and the check sees the
	 * transaction's row counters fall instead; dropped and made again, the table has another oid.
	 */
	@Test
	void aDoBlockThatChangesTheHistoryInAGroupedFirstRunIsRolledBackOnPostgres() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			SoftAssertions soft = new SoftAssertions();
			List<String> bodies = new java.util.ArrayList<>(POSTGRES_BODIES);
			bodies.add("EXECUTE 'DROP TABLE _sqlx' || '_migrations'; EXECUTE 'CREATE TABLE _sqlx' || '_migrations (version "
					+ "BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now(), success "
					+ "BOOLEAN NOT NULL, checksum BYTEA NOT NULL, execution_time BIGINT NOT NULL)'; EXECUTE 'INSERT INTO _sqlx' "
					+ "|| '_migrations SELECT 1, ''a'', now(), TRUE, ''\\x00''::bytea, 0';");
			for (String body : bodies) {
				MigrationDir dir = first().migration("0002_sneaky", "CREATE TABLE IF NOT EXISTS b (id INT);\n"
						+ "-- replaysafe:allow postgres-only-syntax the test needs a DO block\n"
						+ "DO $$ BEGIN " + body + " END $$;\n", "DROP TABLE IF EXISTS b;");

				Throwable thrown = catchThrowable(() -> migrator(db, dir).migrate());

				soft.assertThat(thrown).as(body).isInstanceOf(MigrationException.class)
					.hasMessageContaining("Migration 2 (" + dir.path() + "/0002_sneaky.sql) changed the rows of the "
							+ "history table _sqlx_migrations")
					.hasMessageContaining("which was rolled back: nothing was applied");
				soft.assertThat(db.hasTable("a")).as(body).isFalse();
				soft.assertThat(db.hasTable("_sqlx_migrations")).as(body).isFalse();
			}
			soft.assertAll();
		}
	}

	/** The counting triggers are the connection's own (TEMP) and are dropped on every path: the pool gets it back without them. */
	@Test
	void theTriggersThatCountHistoryChangesOnSqliteLeaveWithTheRun() throws Exception {
		try (Db db = TestDatabase.SQLITE.create(); com.zaxxer.hikari.HikariDataSource pool =
				dev.replaysafe.testing.OnePool.of(db)) {
			MigrationDir dir = first();
			Migrator.builder(pool).locations(dir.location()).build().migrate();
			dir.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);", "DROP TABLE IF EXISTS b;")
				.migration("0003_c", "CREATE TABLE IF NOT EXISTS c (id INT);\nINSERT INTO no_such_table (id) VALUES (1) "
						+ "ON CONFLICT DO NOTHING;", "DROP TABLE IF EXISTS c;");

			catchThrowable(() -> Migrator.builder(pool).locations(dir.location()).build().migrate());

			assertThat(db.hasTable("b")).as("migration 2 ran, watched").isTrue();
			try (java.sql.Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement();
					java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM temp.sqlite_master")) {
				rs.next();
				assertThat(rs.getLong(1)).isZero();
			}
		}
	}

	private static MigrationDir first() {
		// Migration 1 is applied on its own first, so that the history has a row to lose.
		return MigrationDir.create().migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
	}

	@Test
	void aFileWithoutATransactionThatChangesTheHistoryFailsSayingItCannotBeRolledBack() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = first();
			migrator(db, dir).migrate();
			dir.migration("0002_sneaky", "-- replaysafe:no-transaction\nCREATE TABLE IF NOT EXISTS b (id INT);\n"
					+ "-- replaysafe:allow postgres-only-syntax the test needs a DO block\n"
					+ "DO $$ BEGIN EXECUTE 'DELETE FROM ' || '_sqlx' || '_migrations'; END $$;\n",
					"DROP TABLE IF EXISTS b;");

			Throwable thrown = catchThrowable(() -> migrator(db, dir).migrate());

			assertThat(thrown).isInstanceOf(MigrationException.class)
				.hasMessageContaining("Migration 2 (" + dir.path() + "/0002_sneaky.sql) changed the rows of the history "
						+ "table _sqlx_migrations (1 of its 1 rows were deleted)")
				.hasMessageContaining("runs without a transaction (-- replaysafe:no-transaction), so its statements stay "
						+ "applied and cannot be rolled back, and no history row was written for it")
				.hasMessageContaining("Restore the rows it changed");
			assertThat(db.hasTable("b")).as("outside a transaction it stays").isTrue();
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isZero();
		}
	}

	@Test
	void aTriggerMadeOutsideTheMigrationsThatDeletesHistoryRowsIsCaughtOnSqlite() {
		try (Db db = TestDatabase.SQLITE.create()) {
			MigrationDir dir = first();
			migrator(db, dir).migrate();
			// Made before replaysafe reads the files, so the token check never sees the history's name.
			db.execute("CREATE TABLE events (id INT)", "CREATE TRIGGER wipe AFTER INSERT ON events BEGIN "
					+ "DELETE FROM _sqlx_migrations WHERE version = 1; END",
					"CREATE TRIGGER flip AFTER UPDATE ON events BEGIN UPDATE _sqlx_migrations SET success = 0; END");
			SoftAssertions soft = new SoftAssertions();
			for (String statement : List.of("INSERT INTO events (id) VALUES (1) ON CONFLICT DO NOTHING;",
					"UPDATE events SET id = 2 WHERE id = 0;")) {
				db.execute("DELETE FROM events", "INSERT INTO events (id) VALUES (0)");
				dir.migration("0002_events", "CREATE TABLE IF NOT EXISTS b (id INT);\n" + statement,
						"DROP TABLE IF EXISTS b;");

				Throwable thrown = catchThrowable(() -> migrator(db, dir).migrate());

				soft.assertThat(thrown).as(statement).isInstanceOf(MigrationException.class)
					.hasMessageContaining("Migration 2 (" + dir.path() + "/0002_events.sql) changed the rows of the "
							+ "history table _sqlx_migrations")
					.hasMessageContaining("nothing of this migration was applied");
				soft.assertThat(db.hasTable("b")).as(statement).isFalse();
				soft.assertThat(migrator(db, dir).status()).as(statement).extracting(MigrationStatus::state)
					.containsExactly(MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING);
			}
			soft.assertAll();
		}
	}

	@EachDatabase
	void aMigrationThatLeavesTheHistoryAloneIsApplied(Db db) {
		MigrationDir dir = first();
		migrator(db, dir).migrate();
		dir.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);\n"
				+ "INSERT INTO b (id) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM b);", "DROP TABLE IF EXISTS b;");

		assertThat(migrator(db, dir).migrate().applied()).extracting(MigrateResult.Applied::version).containsExactly(2L);
	}

	private static Migrator migrator(Db db, MigrationDir dir) {
		return Migrator.builder(db.dataSource()).locations(dir.location()).build();
	}
}
