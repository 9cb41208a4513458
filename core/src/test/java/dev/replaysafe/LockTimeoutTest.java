package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/** The lock timeout is refused when configured out of what both databases can wait; the longest one waits. */
class LockTimeoutTest {

	@Test
	void aLockTimeoutAboveTheDatabasesMaximumOrNegativeIsRefusedNamingThePropertyAndTheMaximum() {
		for (Duration bad : List.of(Duration.ofDays(30), Duration.ofMillis(Integer.MAX_VALUE + 1L), Duration.ofSeconds(-1),
				Duration.ofNanos(-1))) {
			assertThatThrownBy(() -> Migrator.builder(new org.sqlite.SQLiteDataSource()).lockTimeout(bad))
				.as(bad.toString())
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining("The lock timeout " + bad + " is out of range")
				.hasMessageContaining("replaysafe.lock-timeout")
				.hasMessageContaining("2147483647 ms (about 24.8 days)");
		}
	}

	@Test
	void zeroAndTheMaximumAreAccepted() {
		assertThat(Migrator.builder(new org.sqlite.SQLiteDataSource()).lockTimeout(Duration.ZERO).build().lockTimeout())
			.isZero();
		assertThat(Migrator.builder(new org.sqlite.SQLiteDataSource()).lockTimeout(Migrator.MAX_LOCK_TIMEOUT).build()
			.lockTimeout()).isEqualTo(Duration.ofMillis(2147483647));
	}

	@EachDatabase
	void theLongestLockTimeoutWaitsForTheHolderAndThenApplies(Db db) throws Exception {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;");

		MigrateResult result = LockWait.through(db, () -> Migrator.builder(db.dataSource()).locations(dir.location())
			.lockTimeout(Migrator.MAX_LOCK_TIMEOUT).build().migrate());

		assertThat(result.applied()).extracting(MigrateResult.Applied::version).containsExactly(1L);
		assertThat(db.hasTable("a")).isTrue();
	}
}
