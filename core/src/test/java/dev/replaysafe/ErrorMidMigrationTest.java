package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Consumer;

import com.zaxxer.hikari.HikariDataSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.FaultyDataSource;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.OnePool;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * An Error, not an Exception, thrown while a transaction is open (a driver's StackOverflowError, an
 * OutOfMemoryError) is rethrown as it is, after the transaction was rolled back and the lock
 * released: nothing of that migration remains, and the pool's next user can write.
 */
class ErrorMidMigrationTest {

	private static MigrationDir twoMigrations() {
		return MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);\n"
					+ "-- replaysafe:allow insert-without-conflict-guard the row shows whether the transaction was rolled back\n"
					+ "INSERT INTO a (id) VALUES (2);\n"
					+ "CREATE TABLE IF NOT EXISTS boom (id INT);\n"
					+ "CREATE TABLE IF NOT EXISTS after_boom (id INT);",
					"DROP TABLE IF EXISTS after_boom;\nDROP TABLE IF EXISTS boom;\nDROP TABLE /* fault */ IF EXISTS b;");
	}

	@EachDatabase
	void anErrorMidMigrationLeavesNothingOfItAndThePoolsNextUserCanWrite(Db db) {
		MigrationDir dir = twoMigrations();
		try (HikariDataSource pool = OnePool.of(db)) {
			FaultyDataSource faulty = new FaultyDataSource(pool, "boom", () -> new StackOverflowError("injected"));

			// Each migration in its own transaction (on an empty database the default groups them: GroupedRunTest).
			assertThatThrownBy(() -> Migrator.builder(faulty).locations(dir.location()).group(GroupMode.NEVER).build()
				.migrate()).isInstanceOf(StackOverflowError.class).hasMessage("injected");

			assertThat(faulty.fired()).isTrue();
			assertThat(db.hasTable("a")).isTrue();
			assertThat(db.hasTable("b")).isFalse();
			assertThat(db.hasTable("boom")).isFalse();
			assertThat(db.queryLong("SELECT count(*) FROM a")).isZero();
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(1);
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE version = 2")).isZero();
			nextUserWrites(db, pool);
			// And the next start, without the fault, applies the migration.
			assertThat(Migrator.builder(pool).locations(dir.location()).build().migrate().applied())
				.extracting(MigrateResult.Applied::version).containsExactly(2L);
			assertThat(db.hasTable("after_boom")).isTrue();
		}
	}

	@EachDatabase
	void anErrorWhileCreatingTheHistoryTableLeavesNoTableAndThePoolsNextUserCanWrite(Db db) {
		MigrationDir dir = twoMigrations();
		try (HikariDataSource pool = OnePool.of(db)) {
			FaultyDataSource faulty = new FaultyDataSource(pool, "_sqlx_migrations\" (",
					() -> new OutOfMemoryError("injected"));

			assertThatThrownBy(() -> Migrator.builder(faulty).locations(dir.location()).build().migrate())
				.isInstanceOf(OutOfMemoryError.class);

			assertThat(faulty.fired()).isTrue();
			assertThat(db.hasTable("_sqlx_migrations")).isFalse();
			assertThat(db.hasTable("a")).isFalse();
			nextUserWrites(db, pool);
		}
	}

	@EachDatabase
	void anErrorMidRollbackLeavesTheMigrationAppliedAndThePoolsNextUserCanWrite(Db db) {
		MigrationDir dir = twoMigrations();
		try (HikariDataSource pool = OnePool.of(db)) {
			Migrator.builder(pool).locations(dir.location()).build().migrate();
			FaultyDataSource faulty = new FaultyDataSource(pool, "/* fault */",
					() -> new StackOverflowError("injected"));

			assertThatThrownBy(() -> Rollback.of(Migrator.builder(faulty).locations(dir.location()).build()).rollback(1))
				.isInstanceOf(StackOverflowError.class);

			assertThat(faulty.fired()).isTrue();
			assertThat(db.hasTable("after_boom")).isTrue();
			assertThat(db.hasTable("boom")).isTrue();
			assertThat(db.hasTable("b")).isTrue();
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE version = 2")).isEqualTo(1);
			nextUserWrites(db, pool);
		}
	}

	/** Through the pool, and on SQLite from a second connection that may not wait (no write lock left behind). */
	private static void nextUserWrites(Db db, HikariDataSource pool) {
		write(pool, s -> execute(s, "CREATE TABLE IF NOT EXISTS app (id INT)"));
		write(pool, s -> execute(s, "INSERT INTO app (id) VALUES (1)"));
		if (db.kind() == TestDatabase.SQLITE) {
			write(db.dataSource(), s -> {
				execute(s, "PRAGMA busy_timeout = 0");
				execute(s, "BEGIN IMMEDIATE");
				execute(s, "INSERT INTO app (id) VALUES (2)");
				execute(s, "COMMIT");
			});
		}
		assertThat(db.queryLong("SELECT count(*) FROM app")).isEqualTo(db.kind() == TestDatabase.SQLITE ? 2 : 1);
	}

	private static void write(javax.sql.DataSource ds, Consumer<Statement> work) {
		try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
			work.accept(s);
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	private static void execute(Statement s, String sql) {
		try {
			s.execute(sql);
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException(sql + ": " + e.getMessage(), e);
		}
	}
}
