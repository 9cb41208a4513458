package dev.replaysafe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.GroupMode;
import dev.replaysafe.Migrator;
import dev.replaysafe.internal.schema.SchemaSnapshot;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * kill -9 of a migrating process ({@link MigrateMain}) and the start after it, on both databases.
 *
 * <p>The set is the reference schema plus four migrations with crash points, statements holding a
 * literal {@code 'crash:<tag>'} where the child stops when told to: before, between and after a
 * migration's statements, and between the statements of a {@code -- replaysafe:no-transaction}
 * file. Each point is one case, so each kill lands exactly there. Further cases kill after a
 * seeded delay after the child enters its slowest migration, a 100 000-row insert. After each kill:
 * nothing of an interrupted migration run in a transaction remains (on SQLite, no-transaction files
 * included) and it has no history row; then a
 * plain start, with no manual step, succeeds and leaves the same schema, rows and history as a
 * clean run.
 */
class CrashTest {

	private static final String HISTORY = Migrator.DEFAULT_TABLE;

	private static final MigrationDir CRASH_SET = MigrationDir.create()
		.migration("0010_items", """
				SELECT 'crash:10-before';
				CREATE TABLE IF NOT EXISTS items (id VARCHAR(36) NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL);
				SELECT 'crash:10-during';
				CREATE UNIQUE INDEX IF NOT EXISTS ux_items_name ON items (name);
				INSERT INTO items (id, name) VALUES ('a', 'alpha') ON CONFLICT DO NOTHING;
				INSERT INTO items (id, name) VALUES ('b', 'beta') ON CONFLICT DO NOTHING;
				SELECT 'crash:10-after';
				""", "DROP TABLE IF EXISTS items;")
		.migration("0011_item_labels", """
				SELECT 'crash:11-before';
				ALTER TABLE items ADD COLUMN IF NOT EXISTS label VARCHAR(100);
				SELECT 'crash:11-during';
				UPDATE items SET label = UPPER(name) WHERE label IS NULL;
				SELECT 'crash:11-after';
				""", "ALTER TABLE items DROP COLUMN IF EXISTS label;")
		.migration("0012_outside_a_transaction", """
				-- replaysafe:no-transaction
				SELECT 'crash:12-before';
				CREATE TABLE IF NOT EXISTS item_tags (item_id VARCHAR(36) NOT NULL, tag VARCHAR(50) NOT NULL);
				SELECT 'crash:12-between';
				CREATE UNIQUE INDEX IF NOT EXISTS ux_item_tags ON item_tags (item_id, tag);
				SELECT 'crash:12-during';
				INSERT INTO item_tags (item_id, tag) VALUES ('a', 'first') ON CONFLICT DO NOTHING;
				CREATE INDEX IF NOT EXISTS ix_items_label ON items (label);
				SELECT 'crash:12-after';
				""", "DROP INDEX IF EXISTS ix_items_label;\nDROP TABLE IF EXISTS item_tags;")
		.migration("0013_bulk", """
				SELECT 'crash:13-before';
				CREATE TABLE IF NOT EXISTS bulk (n INT NOT NULL PRIMARY KEY, pad VARCHAR(200) NOT NULL);
				INSERT INTO bulk (n, pad)
				WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 100000)
				SELECT n, 'padding to make the rows and the transaction large, padding to make the rows large' FROM seq
				WHERE 1 = 1
				ON CONFLICT DO NOTHING;
				SELECT 'crash:13-after';
				""", "DROP TABLE IF EXISTS bulk;");

	private static final String LOCATIONS = "classpath:db/migrations," + CRASH_SET.location();

	private static final List<String> POINTS = List.of("10-before", "10-during", "10-after", "11-before", "11-during",
			"11-after", "12-before", "12-between", "12-during", "12-after", "13-before", "13-after");

	private static final int DELAY_SEEDS = 5;

	static Stream<Arguments> crashes() {
		List<Arguments> all = new ArrayList<>();
		for (TestDatabase kind : TestDatabase.values()) {
			String journal = kind == TestDatabase.SQLITE ? "DELETE" : "-";
			POINTS.forEach(point -> all.add(Arguments.of(kind, journal, point)));
			for (int seed = 0; seed < DELAY_SEEDS; seed++) {
				all.add(Arguments.of(kind, journal, "delay-" + seed));
			}
		}
		// SQLite in WAL mode recovers differently (the WAL, not a rollback journal): a few points and the delays again.
		for (String point : List.of("10-during", "12-between", "13-after", "delay-0", "delay-1", "delay-2", "delay-3",
				"delay-4")) {
			all.add(Arguments.of(TestDatabase.SQLITE, "WAL", point));
		}
		return all.stream();
	}

	@ParameterizedTest(name = "kill -9 at {2} on {0} (journal {1})")
	@MethodSource("crashes")
	@Timeout(300)
	void theStartAfterAKillSucceedsAndEndsWhereACleanRunEnds(TestDatabase kind, String journal, String point)
			throws Exception {
		Clean clean = clean(kind);
		try (Db db = kind.create()) {
			if (journal.equals("WAL")) {
				db.execute("PRAGMA journal_mode = WAL");
			}
			boolean delayed = point.startsWith("delay-");
			try (Child child = Child.start(point, db.url(), LOCATIONS, Duration.ofMinutes(1),
					delayed ? MigrateMain.TRACE : point)) {
				child.awaitReady();
				child.go();
				if (delayed) {
					// Deterministic per seed: a fixed fraction of how long the bulk migration took in a clean run.
					child.awaitLine("AT 13-before"::equals, Child.PATIENCE);
					int seed = Integer.parseInt(point.substring("delay-".length()));
					double fraction = (seed + new Random(seed).nextDouble()) / DELAY_SEEDS;
					long delay = (long) (fraction * 0.5 * clean.bulkMillis);
					Thread.sleep(delay);
					// Where the kill landed is for the report only: timing decides it, the guarantee must hold anyway.
					System.out.println(kind + " (journal " + journal + ") " + point + ": killed " + delay + " ms into the bulk migration ("
							+ clean.bulkMillis + " ms in a clean run), "
							+ (child.output().contains("RESULT") ? "after the run ended" : "during the run"));
				}
				else {
					child.awaitLine(("AT " + point)::equals, Child.PATIENCE);
				}
				child.kill();
			}

			if (!delayed) {
				long killedIn = Long.parseLong(point.substring(0, 2));
				assertThat(db.hasTable(HISTORY) ? db.queryLong("SELECT count(*) FROM " + HISTORY + " WHERE version >= "
						+ killedIn) : 0).as("history rows of the interrupted migration and later").isZero();
				if (killedIn != 12 || kind == TestDatabase.SQLITE) {
					// A migration in a transaction leaves nothing: the database is as the previous migration left it.
					// (On SQLite a no-transaction file runs in one too: its only cross-process lock is a transaction.)
					assertThat(Schema.describe(db, HISTORY)).isEqualTo(clean.upTo.get(killedIn - 1));
				}
			}

			Migrator.builder(db.dataSource()).locations(LOCATIONS.split(",")).lockTimeout(Duration.ofMinutes(1))
				.build().migrate();

			assertThat(Schema.describe(db, HISTORY)).isEqualTo(clean.upTo.get(13L));
			assertThat(SchemaSnapshot.of(db.dataSource(), HISTORY)).isEqualTo(clean.snapshot);
		}
	}

	@ParameterizedTest(name = "kill -9 during a grouped first run on {0}")
	@EnumSource(TestDatabase.class)
	@Timeout(300)
	void aKillDuringAGroupedFirstRunLeavesTheDatabaseEmptyAndTheNextStartEndsWhereACleanRunEnds(TestDatabase kind)
			throws Exception {
		Clean clean = clean(kind);
		try (Db db = kind.create()) {
			try (Child child = Child.start("grouped", db.url(), LOCATIONS, Duration.ofMinutes(1),
					MigrateMain.GROUPED + "10-during")) {
				child.awaitReady();
				child.go();
				child.awaitLine("AT 10-during"::equals, Child.PATIENCE);
				child.kill();
			}

			assertThat(db.hasTable(HISTORY)).as("the history table was created in the group").isFalse();
			assertThat(Schema.describe(db, HISTORY)).as("nothing of migrations 1 to 10").isEmpty();

			Migrator.builder(db.dataSource()).locations(LOCATIONS.split(",")).lockTimeout(Duration.ofMinutes(1))
				.build().migrate();

			assertThat(Schema.describe(db, HISTORY)).isEqualTo(clean.upTo.get(13L));
			assertThat(SchemaSnapshot.of(db.dataSource(), HISTORY)).isEqualTo(clean.snapshot);
		}
	}

	@Test
	@Timeout(120)
	void aPostgresConnectionTerminatedMidMigrationFailsClearlyLeavesNothingAndTheNextStartSucceeds() throws Exception {
		try (Db db = TestDatabase.POSTGRES.create()) {
			// The sleep happens only for the connection named "victim", so the next start runs at full speed.
			MigrationDir dir = MigrationDir.create()
				.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS a;")
				.migration("0002_b", """
						CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);
						INSERT INTO b (id) VALUES (1) ON CONFLICT DO NOTHING;
						SELECT pg_sleep(CASE WHEN current_setting('application_name') = 'victim' THEN 600 ELSE 0 END);
						CREATE TABLE IF NOT EXISTS b2 (id INT PRIMARY KEY);
						""", "DROP TABLE IF EXISTS b2;\nDROP TABLE IF EXISTS b;");
			PGSimpleDataSource victim = new PGSimpleDataSource();
			victim.setURL(db.url());
			victim.setApplicationName("victim");
			// One migration per transaction: what a lost connection leaves of the migration it interrupts.
			CompletableFuture<Throwable> run = CompletableFuture.supplyAsync(() -> catchThrowable(
					() -> Migrator.builder(victim).locations(dir.location()).group(GroupMode.NEVER).build().migrate()));

			long terminated = 0;
			for (long deadline = System.nanoTime() + Child.PATIENCE.toNanos(); terminated == 0
					&& System.nanoTime() < deadline;) {
				Thread.sleep(50);
				terminated = db.queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
						+ "WHERE application_name = 'victim' AND state = 'active' AND query LIKE '%pg_sleep%'");
			}
			assertThat(terminated).isEqualTo(1);
			Throwable thrown = run.get(2, TimeUnit.MINUTES);

			assertThat(thrown).isInstanceOf(MigrationException.class)
				.hasMessageContaining("Migration 2 failed at " + dir.path() + "/0002_b.sql:3: ")
				.hasMessageContaining("terminating connection due to administrator command")
				.hasMessageContaining("The connection to the database was lost (the file may be fine): the server "
						+ "rolled this migration's transaction back, so nothing of it was applied; start again");
			assertThat(db.hasTable("a")).isTrue();
			assertThat(db.hasTable("b")).isFalse();
			assertThat(db.queryLong("SELECT count(*) FROM " + HISTORY)).isEqualTo(1);
			// The server released the dead session's advisory lock: the next start does not wait.
			assertThat(db.queryLong("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isZero();

			Migrator.builder(db.dataSource()).locations(dir.location()).lockTimeout(Duration.ofSeconds(30)).build()
				.migrate();

			assertThat(db.queryLong("SELECT count(*) FROM b")).isEqualTo(1);
			assertThat(db.hasTable("b2")).isTrue();
			assertThat(db.queryLong("SELECT count(*) FROM " + HISTORY + " WHERE success = TRUE")).isEqualTo(2);
		}
	}

	/** A clean run's outcome on one kind of database, after each of the crash set's versions. */
	private record Clean(Map<Long, List<String>> upTo, SchemaSnapshot snapshot, long bulkMillis) {
	}

	private static final Map<TestDatabase, Clean> cleanRuns = new EnumMap<>(TestDatabase.class);

	private static synchronized Clean clean(TestDatabase kind) {
		return cleanRuns.computeIfAbsent(kind, k -> {
			List<Migration> all = MigrationSource.load(List.of(LOCATIONS.split(",")), CrashTest.class.getClassLoader());
			Map<Long, List<String>> upTo = new TreeMap<>();
			try (Db db = k.create()) {
				long start = 0;
				for (long version = 9; version <= 13; version++) {
					long last = version;
					start = System.nanoTime();
					Migrator.builder(db.dataSource()).migrations(all.stream().filter(m -> m.version() <= last).toList())
						.build().migrate();
					upTo.put(version, Schema.describe(db, HISTORY));
				}
				return new Clean(upTo, SchemaSnapshot.of(db.dataSource(), HISTORY), (System.nanoTime() - start) / 1_000_000);
			}
		});
	}

	@AfterAll
	static void forgetCleanRuns() {
		cleanRuns.clear();
	}
}
