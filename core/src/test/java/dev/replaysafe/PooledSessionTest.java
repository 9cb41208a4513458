package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.FaultyDataSource;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.OnePool;
import dev.replaysafe.testing.Session;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * Through a real one-connection HikariCP pool, whose connectionInitSql sets its own state: whatever a
 * migration does to its session, and whether it succeeds or fails, the application's next connection
 * has exactly the session the pool lent the engine (every pg_settings row, role and authorization;
 * every connection PRAGMA; JDBC's flags).
 */
class PooledSessionTest {

	/** The test role's name, known once its database is made. */
	private static final String ROLE = "<role>";

	/** What an up may do to its session on PostgreSQL; the test role may not create roles, so its own and NONE. */
	private static final List<String> POSTGRES_CHANGES = List.of("SET ROLE NONE", "RESET ROLE",
				// Also resets the role the pool set: both must come back.
				"SET SESSION AUTHORIZATION " + ROLE,
				"SET search_path = elsewhere, public", "SET statement_timeout = '7s'", "RESET ALL",
				"SET lock_timeout = 0", "SET app.tenant = 'migration'", "RESET app.tenant",
				// SET SESSION CHARACTERISTICS and SET default_transaction_* are refused before anything runs
				// (PreflightTest): they change the transaction the migration runs in.
				"SET TIME ZONE 'Pacific/Auckland'", "SET extra_float_digits = 1",
				"SET application_name = 'migration'", "SELECT set_config('work_mem', '64MB', false)");

	/** What an up may do to its session on SQLite (each PRAGMA allowed inside a transaction). */
	private static final List<String> SQLITE_CHANGES = List.of("PRAGMA foreign_keys = OFF",
			"PRAGMA recursive_triggers = ON", "PRAGMA busy_timeout = 1", "PRAGMA cache_size = 123",
			"PRAGMA legacy_alter_table = ON", "PRAGMA reverse_unordered_selects = ON", "PRAGMA automatic_index = OFF",
			"PRAGMA ignore_check_constraints = ON", "PRAGMA trusted_schema = OFF", "PRAGMA defer_foreign_keys = ON",
			"PRAGMA read_uncommitted = ON", "PRAGMA cell_size_check = ON", "PRAGMA secure_delete = ON",
			"PRAGMA writable_schema = ON", "PRAGMA cache_spill = 77", "PRAGMA mmap_size = 65536",
			"PRAGMA wal_autocheckpoint = 5", "PRAGMA analysis_limit = 9", "PRAGMA journal_size_limit = 1024",
			"PRAGMA full_column_names = ON", "PRAGMA short_column_names = OFF", "PRAGMA threads = 2");

	static Stream<Arguments> everyChangeOnEachDatabase() {
		return Stream.of(TestDatabase.values()).flatMap(kind -> (kind == TestDatabase.POSTGRES ? POSTGRES_CHANGES
				: SQLITE_CHANGES).stream().map(change -> Arguments.of(kind, change)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("everyChangeOnEachDatabase")
	void theNextConnectionHasTheSessionThePoolLentAfterASuccessfulMigration(TestDatabase kind, String change)
			throws Exception {
		try (Db db = kind.create(); HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);\n" + fill(db, change) + ";\n"
						+ "CREATE TABLE IF NOT EXISTS b (id INT);", "DROP TABLE IF EXISTS a;");

			Migrator.builder(pool).locations(dir.location()).audit(AuditMode.OFF).build().migrate();

			assertThat(Session.of(pool, kind)).isEqualTo(before);
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(1);
		}
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("everyChangeOnEachDatabase")
	void theNextConnectionHasTheSessionThePoolLentAfterAFailingMigration(TestDatabase kind, String change)
			throws Exception {
		try (Db db = kind.create(); HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", fill(db, change) + ";\nINSERT INTO no_such_table (id) VALUES (1);",
						"DROP TABLE IF EXISTS a;");

			assertThatThrownBy(() -> Migrator.builder(pool).locations(dir.location()).audit(AuditMode.OFF).build()
				.migrate()).isInstanceOf(MigrationException.class).hasMessageContaining("no_such_table");

			assertThat(Session.of(pool, kind)).isEqualTo(before);
		}
	}

	/** PostgreSQL undoes a failed transaction's SETs itself; a file without a transaction keeps them. */
	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("everyChangeOnEachDatabase")
	void theNextConnectionHasTheSessionThePoolLentAfterAFailingFileWithoutATransaction(TestDatabase kind,
			String change) throws Exception {
		try (Db db = kind.create(); HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "-- replaysafe:no-transaction\n" + fill(db, change)
						+ ";\nINSERT INTO no_such_table (id) VALUES (1);", "DROP TABLE IF EXISTS a;");

			assertThatThrownBy(() -> Migrator.builder(pool).locations(dir.location()).audit(AuditMode.OFF).build()
				.migrate()).isInstanceOf(MigrationException.class).hasMessageContaining("no_such_table");

			assertThat(Session.of(pool, kind)).isEqualTo(before);
		}
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("everyChangeOnEachDatabase")
	void theNextConnectionHasTheSessionThePoolLentAfterARollback(TestDatabase kind, String change) throws Exception {
		try (Db db = kind.create(); HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", fill(db, change) + ";\n"
						+ "DROP TABLE IF EXISTS a;");
			Migrator migrator = Migrator.builder(pool).locations(dir.location()).audit(AuditMode.OFF).build();
			migrator.migrate();

			Rollback.of(migrator).rollback(0);

			assertThat(Session.of(pool, kind)).isEqualTo(before);
			assertThat(db.hasTable("a")).isFalse();
		}
	}

	@EachDatabase
	void theNextConnectionHasTheSessionThePoolLentAfterTheEngineWaitedForTheLock(Db db) throws Exception {
		try (HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");

			LockWait.through(db, () -> Migrator.builder(pool).locations(dir.location())
				.lockTimeout(Duration.ofSeconds(60)).build().migrate());

			assertThat(Session.of(pool, db.kind())).isEqualTo(before)
				.containsEntry(db.kind() == TestDatabase.POSTGRES ? "lock_timeout" : "busy_timeout",
						db.kind() == TestDatabase.POSTGRES ? "5000" : "4321");
			assertThat(db.hasTable("a")).isTrue();
		}
	}

	@EachDatabase
	void aWarmStartWithNothingPendingLeavesTheSessionAsThePoolLentIt(Db db) throws Exception {
		try (HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
			Migrator migrator = Migrator.builder(pool).locations(dir.location()).build();
			migrator.migrate();

			assertThat(migrator.migrate().applied()).isEmpty();

			assertThat(Session.of(pool, db.kind())).isEqualTo(before);
		}
	}

	@EachDatabase
	void aSessionThatCannotBeRestoredFailsTheRunAndThePoolNeverLendsTheChangedConnection(Db db) throws Exception {
		boolean postgres = db.kind() == TestDatabase.POSTGRES;
		try (HikariDataSource pool = OnePool.of(db)) {
			Map<String, String> before = prepare(db, pool);
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);\n"
						+ (postgres ? "SET statement_timeout = '7s';" : "PRAGMA recursive_triggers = ON;"),
						"DROP TABLE IF EXISTS a;");
			FaultyDataSource faulty = new FaultyDataSource(pool,
					postgres ? "set_config(s.name" : "PRAGMA recursive_triggers = 0",
					() -> new SQLException("injected: cannot restore"));

			assertThatThrownBy(() -> Migrator.builder(faulty).locations(dir.location()).audit(AuditMode.OFF).build()
				.migrate())
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining("Could not give the connection back the session state it had before the "
						+ "migrations (injected: cannot restore)")
				.hasMessageContaining("the connection was closed instead of being handed back changed");

			assertThat(faulty.fired()).isTrue();
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = TRUE")).isEqualTo(1);
			if (postgres) {
				// HikariCP saw the closed connection (SQLSTATE 08003) and lends a new one.
				assertThat(Session.of(pool, db.kind())).isEqualTo(before);
			}
			else {
				// sqlite-jdbc reports a closed connection without a SQLSTATE: HikariCP finds it closed when it
				// next validates it; meanwhile the application gets an error, never the changed session.
				try (Connection next = pool.getConnection()) {
					assertThat(next.unwrap(Connection.class).isClosed()).isTrue();
				}
			}
		}
	}

	@EachDatabase
	void aPragmaThatCannotBeReadBackIsRefusedBeforeAnythingRuns(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;")
			.migration("0002_like", "CREATE TABLE IF NOT EXISTS b (id INT);\nPRAGMA case_sensitive_like = ON;",
					"DROP TABLE IF EXISTS b;");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.OFF).build();
		if (db.kind() == TestDatabase.POSTGRES) {
			// Not a statement PostgreSQL knows: it fails as any syntax error does, after 0001.
			assertThatThrownBy(migrator::migrate).hasMessageContaining("0002_like.sql:2");
			return;
		}

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
			.hasMessageContaining("Refused before anything was applied")
			.hasMessageContaining(dir.path() + "/0002_like.sql:2: PRAGMA case_sensitive_like cannot be read back")
			.hasMessageContaining("use GLOB");
		assertThat(db.hasTable("a")).isFalse();
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
	}

	/** A schema for search_path, and the pool's connection made; returns the session it lends. */
	private static Map<String, String> prepare(Db db, HikariDataSource pool) {
		if (db.kind() == TestDatabase.POSTGRES) {
			db.execute("CREATE SCHEMA IF NOT EXISTS elsewhere");
		}
		Map<String, String> before = Session.of(pool, db.kind());
		assertThat(before).containsEntry(db.kind() == TestDatabase.POSTGRES ? "lock_timeout" : "busy_timeout",
				db.kind() == TestDatabase.POSTGRES ? "5000" : "4321");
		return before;
	}

	private static String fill(Db db, String change) {
		return change.replace(ROLE, OnePool.user(db));
	}

}
