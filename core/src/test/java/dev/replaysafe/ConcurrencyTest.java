package dev.replaysafe;

import dev.replaysafe.internal.dialect.PostgresDialect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/** Several runners starting at once on one database apply each migration exactly once. */
class ConcurrencyTest {

	@EachDatabase
	void fourRunnersRacingApplyEachMigrationOnce(Db db) throws Exception {
		// A counter table every up bumps without a guard would show a second application.
		MigrationDir dir = MigrationDir.create()
			.migration("0001_counter", "CREATE TABLE IF NOT EXISTS applied (version INT);", "DROP TABLE IF EXISTS applied;");
		for (int v = 2; v <= 12; v++) {
			dir.migration(String.format("%04d_t%d", v, v), "CREATE TABLE IF NOT EXISTS t" + v + " (id INT);\n"
					+ "-- replaysafe:allow insert-without-conflict-guard the counter must show a second application\n"
					+ "INSERT INTO applied (version) VALUES (" + v + ");", "DROP TABLE IF EXISTS t" + v + ";");
		}
		int runners = 4;
		ExecutorService pool = Executors.newFixedThreadPool(runners);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<MigrateResult>> results = new ArrayList<>();
		for (int i = 0; i < runners; i++) {
			results.add(pool.submit(() -> {
				start.await();
				return Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
			}));
		}
		start.countDown();
		List<Long> appliedByAll = new ArrayList<>();
		for (Future<MigrateResult> r : results) {
			r.get().applied().forEach(a -> appliedByAll.add(a.version()));
		}
		pool.shutdown();

		assertThat(appliedByAll).hasSize(12).doesNotHaveDuplicates();
		assertThat(db.queryLong("SELECT count(*) FROM applied")).isEqualTo(11);
		assertThat(db.queryLong("SELECT count(DISTINCT version) FROM applied")).isEqualTo(11);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = TRUE")).isEqualTo(12);
	}

	@EachDatabase
	void aLockWaitPastTheTimeoutFailsNamingTheProperty(Db db) throws Exception {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");
		try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
			if (db.kind() == TestDatabase.POSTGRES) {
				s.execute("SELECT pg_advisory_lock(" + PostgresDialect.lockId(db.url().replaceAll(".*/([^?]+).*", "$1"))
						+ ")");
			}
			else {
				s.execute("BEGIN IMMEDIATE");
			}

			assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location())
				.lockTimeout(Duration.ofMillis(300)).build().migrate())
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining("Timed out after 300ms waiting for the")
				.hasMessageContaining("replaysafe.lock-timeout");
		}
		assertThat(db.hasTable("a")).isFalse();
	}
}
