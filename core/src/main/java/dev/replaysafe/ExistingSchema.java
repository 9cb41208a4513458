package dev.replaysafe;

import dev.replaysafe.internal.history.AppliedMigration;
import dev.replaysafe.internal.history.History;
import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.dialect.SqliteDialect;
import dev.replaysafe.internal.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A run that finds user objects but no history rows: either the history was lost (the ups are
 * replay-safe, so they run again and the history is rewritten) or the database was built by
 * something else (another tool, by hand). Told apart by a drift check after the replay; a
 * configured baseline version instead records the migrations up to it as applied without running
 * them. Decided before the audit, so that baselined files are neither audited nor run.
 */
final class ExistingSchema {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	private enum Kind { NONE, BASELINE, LOST_HISTORY }

	private final Kind kind;
	private final long baseline;
	private final SchemaSnapshot found;

	private ExistingSchema(Kind kind, long baseline, SchemaSnapshot found) {
		this.kind = kind;
		this.baseline = baseline;
		this.found = found;
	}

	static final ExistingSchema NONE = new ExistingSchema(Kind.NONE, Long.MIN_VALUE, null);

	/** What a run with no history rows ({@code historyExists} or not) does with what the schema holds. */
	static ExistingSchema inspect(Migrator migrator, Connection c, boolean historyExists, List<Migration> files)
			throws SQLException {
		Long baseline = migrator.baselineVersion();
		SchemaSnapshot found = SchemaSnapshot.read(c, migrator.table());
		if (found.isEmpty()) {
			if (baseline != null) {
				log.info("replaysafe.baseline-version {} ignored: the schema is empty, so the migrations build it", baseline);
			}
			return NONE;
		}
		if (baseline != null) {
			long highest = Migrator.highestVersion(files);
			if (baseline > highest) {
				throw new MigrationException(MigrationException.Kind.CONFIGURATION, "replaysafe.baseline-version " + baseline + " (Migrator.Builder."
						+ "baselineVersion) is above every migration file (the highest is " + (files.isEmpty() ? "none"
								: highest) + "), so it would record migrations that do not exist; nothing was changed. "
						+ "Set it to the version of the last migration the existing schema already contains");
			}
			return new ExistingSchema(Kind.BASELINE, baseline, found);
		}
		return historyExists ? NONE : new ExistingSchema(Kind.LOST_HISTORY, Long.MIN_VALUE, found);
	}

	/** Whether {@code m} is recorded by the baseline instead of being run. */
	boolean baselined(Migration m) {
		return kind == Kind.BASELINE && m.version() <= baseline;
	}

	boolean lostHistory() {
		return kind == Kind.LOST_HISTORY;
	}

	/**
	 * Records the baselined files as applied without running them: sqlx's columns only, with the
	 * file's checksum (so sqlx and checksum validation accept them) and {@code execution_time = -1},
	 * the mark of a baseline row (a run records its real, non-negative time).
	 */
	void recordBaseline(Connection c, Dialect dialect, History history, List<Migration> files,
			Map<Long, AppliedMigration> rows) throws SQLException {
		if (kind != Kind.BASELINE) {
			return;
		}
		List<Migration> recorded = files.stream().filter(this::baselined).toList();
		dialect.begin(c);
		try {
			for (Migration m : recorded) {
				history.record(c, m, BASELINE_TIME);
				rows.put(m.version(), new AppliedMigration(m.version(), m.description(), null, true, m.checksum(),
						BASELINE_TIME));
			}
			dialect.commit(c);
		}
		catch (Throwable e) {
			Migrator.rollbackQuietly(c, dialect, e);
			throw e;
		}
		log.info("Baseline: recorded {} migration(s) up to version {} as applied without running them ({} held {}); "
				+ "the migrations above it run now", recorded.size(), baseline, history.table(), found.summary());
	}

	/** The execution time of a baseline row. */
	static final long BASELINE_TIME = -1;

	/**
	 * Replays every up on the live schema in one transaction, then compares the result with what the
	 * migrations build on a scratch database: equal, the history was lost, and its table and rows are
	 * written in the same transaction; different, the database was not built by these migrations, and
	 * the transaction is rolled back, leaving it exactly as found, so the next start gives the same answer.
	 * Returns null when another process wrote the history meanwhile (SQLite), for the ordinary run to go on.
	 */
	List<MigrateResult.Applied> replay(Migrator migrator, Connection c, Dialect dialect, History history,
			List<Migration> files) throws SQLException {
		String table = migrator.table();
		log.warn("No history table {}, but the schema holds {}: either the history was lost or this database was not "
				+ "built by these migrations. Replaying every up (they are replay-safe) and comparing the result with "
				+ "what the migrations build", table, found.summary());
		SchemaSnapshot expected;
		try {
			expected = DriftCheck.of(migrator).expected(migrator.dataSource(), dialect instanceof SqliteDialect);
		}
		catch (MigrationException e) {
			throw new MigrationException("No history table " + table + ", but the schema holds " + found.summary()
					+ ": either the history was lost or this database was built by another tool, and telling them "
					+ "apart needs a scratch database to build the migrations on. " + e.getMessage() + ". Nothing was "
					+ "changed. Make the check possible (grant CREATEDB, give the credentials), or, if the schema is what "
					+ "the migrations up to version N build, adopt it without running them: " + BASELINE_FIX, e);
		}
		List<MigrateResult.Applied> applied = new ArrayList<>();
		boolean committed = false;
		dialect.keepSession(c);
		dialect.begin(c);
		try {
			if (history.exists(c)) {
				// Another process recovered it meanwhile (SQLite: the transaction is the lock); the run goes on as usual.
				dialect.rollback(c);
				return null;
			}
			for (Migration m : files) {
				long start = System.nanoTime();
				try {
					if (m.noTransaction() && dialect.honoursNoTransaction()) {
						dialect.commit(c);
						committed = true;
						Migrator.run(c, dialect, m, m.up(), false);
						dialect.begin(c);
					}
					else {
						Migrator.run(c, dialect, m, m.up(), true);
					}
				}
				catch (MigrationException e) {
					throw new MigrationException("No history table " + table + ", but the schema holds "
							+ found.summary() + "; replaying the ups on it failed, so this database was most likely not "
							+ "built by these migrations (another tool, by hand). " + (committed
									? "The ups of no-transaction files before it stay applied; everything else was "
											+ "rolled back"
									: "The whole replay was rolled back: nothing was changed")
							+ ", and no history was written. If the schema is what the migrations up to version N build, "
							+ "adopt it: " + BASELINE_FIX + ". The failure: " + e.getMessage(), e);
				}
				applied.add(new MigrateResult.Applied(m.version(), m.description(),
						Duration.ofNanos(System.nanoTime() - start)));
			}
			List<String> drift = DriftCheck.differences(expected, SchemaSnapshot.read(c, table));
			if (!drift.isEmpty()) {
				throw new MigrationException("No history table " + table + ", and after replaying every up the schema "
						+ "is not what the migrations build: this database was built by another tool or by hand (or "
						+ "changed by hand since its history was lost). " + (committed
								? "The ups of no-transaction files stay applied (they are replay-safe); everything else "
										+ "was rolled back"
								: "Nothing was changed: the replay was rolled back")
						+ ", and no history was written, so the next start gives the same answer. Make the schema "
						+ "match the migrations, or, if it is what the migrations up to version N build, adopt it: "
						+ BASELINE_FIX + ". The differences (expected = what the migrations build)", drift);
			}
			try (Statement s = c.createStatement()) {
				s.execute(dialect.historyTableDdl(history.sql(c)));
			}
			for (int i = 0; i < files.size(); i++) {
				history.record(c, files.get(i), applied.get(i).duration().toNanos());
			}
			dialect.commit(c);
		}
		catch (Throwable e) {
			Migrator.rollbackQuietly(c, dialect, e);
			throw e;
		}
		log.warn("The history table {} was lost: every up replayed without error and the schema is what the migrations "
				+ "build; the history is rewritten ({} rows)", table, files.size());
		return applied;
	}

	static final String BASELINE_FIX = "set replaysafe.baseline-version=N (Migrator.Builder.baselineVersion) to record "
			+ "migrations 1..N as applied without running them, then the rest run";
}
