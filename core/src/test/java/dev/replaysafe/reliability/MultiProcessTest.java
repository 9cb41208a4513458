package dev.replaysafe.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * Application instances as separate JVMs ({@link MigrateMain}) starting together on one database:
 * the reference schema (0001..0009) plus four slow migrations (0010..0013, the last one without a
 * transaction) that sleep while they hold the lock and count their own applications in an unguarded
 * insert.
 */
class MultiProcessTest {

	private static final List<Long> ALL = LongStream.rangeClosed(1, 13).boxed().toList();

	/** The slow migrations; 0011 carries the crash point "inside-0011", 0013 runs without a transaction. */
	static MigrationDir slowMigrations() {
		MigrationDir dir = MigrationDir.create();
		for (int v = 10; v <= 13; v++) {
			dir.migration(String.format("%04d_slow_%d", v, v), (v == 13 ? "-- replaysafe:no-transaction\n" : "")
					+ "-- Slow on purpose: the run holds the lock while it sleeps.\n"
					+ "CREATE TABLE IF NOT EXISTS applications (version INT NOT NULL);\n"
					+ "-- replaysafe:allow insert-without-conflict-guard counts its own applications: a second one is the bug under test\n"
					+ "INSERT INTO applications (version) VALUES (" + v + ");\n"
					+ (v == 11 ? "SELECT 'crash:inside-0011';\n" : "")
					+ "SELECT pg_sleep(1.5);\n",
					v == 10 ? "DROP TABLE IF EXISTS applications;" : "DELETE FROM applications WHERE version = " + v + ";");
		}
		return dir;
	}

	static String locations(MigrationDir slow) {
		return "classpath:db/migrations," + slow.location();
	}

	@Test
	@Timeout(300)
	void sixteenProcessesOnPostgresApplyEachMigrationOnceAndTheOthersLogThatTheyWait() throws Exception {
		try (Db db = TestDatabase.POSTGRES.create()) {
			List<Child> children = startTogether(db, 16);
			try {
				List<List<Long>> applied = new ArrayList<>();
				for (Child child : children) {
					assertThat(child.result()).as(child.output()).startsWith("RESULT ok");
					applied.add(child.applied());
				}

				// The advisory lock covers the whole run: one process applies everything, fifteen wait and find it done.
				assertThat(applied).filteredOn(a -> !a.isEmpty()).containsExactly(ALL);
				for (int i = 0; i < children.size(); i++) {
					if (applied.get(i).isEmpty()) {
						assertThat(children.get(i).output()).as(children.get(i).name())
							.contains("Waiting up to 120s for the migration lock");
					}
				}
				assertAppliedOnce(db);
			}
			finally {
				for (Child child : children) {
					child.close();
				}
			}
		}
	}

	@ParameterizedTest(name = "journal_mode={0}")
	@ValueSource(strings = {"DELETE", "WAL"})
	@Timeout(300)
	void fourProcessesOnOneSqliteFileApplyEachMigrationOnceAndNoLockErrorEscapes(String journalMode) throws Exception {
		try (Db db = TestDatabase.SQLITE.create()) {
			// The journal mode is stored in the file: every process uses it.
			db.execute("PRAGMA journal_mode = " + journalMode);
			List<Child> children = startTogether(db, 4);
			try {
				List<Long> all = new ArrayList<>();
				for (Child child : children) {
					assertThat(child.result()).as(child.output()).startsWith("RESULT ok");
					assertThat(child.output()).doesNotContainIgnoringCase("database is locked").doesNotContain("SQLITE_BUSY");
					all.addAll(child.applied());
					// Each migration takes the write lock: whoever did not apply the first slow one waited for it.
					if (!child.applied().contains(10L)) {
						assertThat(child.output()).as(child.name())
							.contains("Waiting up to 120s for the SQLite write lock held by another connection or process");
					}
				}

				assertThat(all).containsExactlyInAnyOrderElementsOf(ALL);
				assertAppliedOnce(db);
			}
			finally {
				for (Child child : children) {
					child.close();
				}
			}
		}
	}

	@EachDatabase
	@Timeout(300)
	void aLockHolderKilledWithSigkillReleasesTheLockAndTheWaitingStarterProceeds(Db db) throws Exception {
		MigrationDir slow = slowMigrations();
		try (Child holder = Child.start("holder", db.url(), locations(slow), Duration.ofMinutes(2), "inside-0011");
				Child impatient = Child.start("impatient", db.url(), locations(slow), Duration.ofSeconds(1), null);
				Child patient = Child.start("patient", db.url(), locations(slow), Duration.ofMinutes(2), null)) {
			holder.awaitReady();
			holder.go();
			// The holder stops inside 0011: its transaction is open and it holds the lock.
			holder.awaitLine("AT inside-0011"::equals, Child.PATIENCE);

			impatient.awaitReady();
			impatient.go();
			assertThat(impatient.result()).startsWith("RESULT error Timed out after 1s waiting for the")
				.contains("raise the lock timeout (replaysafe.lock-timeout, Migrator.Builder.lockTimeout)");

			patient.awaitReady();
			patient.go();
			patient.awaitLine(l -> l.contains("Waiting up to 120s for the"), Child.PATIENCE);
			holder.kill();

			assertThat(patient.result()).as(patient.output()).isEqualTo("RESULT ok applied=11,12,13 current=13");
			assertThat(patient.output()).contains("Acquired the");
			assertAppliedOnce(db);
		}
	}

	/** Starts {@code count} processes, waits until each has read its files, then lets them all go at once. */
	private static List<Child> startTogether(Db db, int count) throws InterruptedException {
		MigrationDir slow = slowMigrations();
		List<Child> children = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			children.add(Child.start("process " + i, db.url(), locations(slow), Duration.ofMinutes(2), null));
		}
		for (Child child : children) {
			child.awaitReady();
		}
		children.forEach(Child::go);
		return children;
	}

	/** Every migration recorded once as successful, and each slow one's unguarded insert ran exactly once. */
	static void assertAppliedOnce(Db db) {
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = TRUE")).isEqualTo(13);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(13);
		assertThat(db.queryLong("SELECT count(*) FROM applications")).isEqualTo(4);
		assertThat(db.queryLong("SELECT count(DISTINCT version) FROM applications")).isEqualTo(4);
		for (String table : List.of("workspaces", "users", "documents", "memberships", "tags")) {
			assertThat(db.hasTable(table)).as(table).isTrue();
		}
	}
}
