package dev.replaysafe;

import dev.replaysafe.internal.audit.Preflight;
import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.history.AppliedMigration;
import dev.replaysafe.internal.history.History;
import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies pending migrations and reports their status. It never executes a down file: reverting
 * is {@link Rollback}'s job, a separate type that only development and test wiring builds.
 *
 * <p>A run: take the lock; create the history table if missing; check that every applied
 * migration still has its file, unchanged; then apply each pending up in version order, each in
 * its own transaction together with its history row, so a failure leaves the database as it was
 * before that migration. On an empty database the ups and the history table share one transaction
 * instead ({@link GroupMode}, {@link Builder#group}), so a failure leaves it empty. A history row marked failed (sqlx leaves those) is applied again: every
 * up is replay-safe, which is what lets replaysafe repair instead of asking for a manual force.
 */
public final class Migrator {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	/** Where the files are read from when no location is given; also the Spring Boot property's default. */
	public static final String DEFAULT_LOCATION = "classpath:db/migrations";
	/** The history table when none is given: sqlx's, so that either tool reads the other's history. */
	public static final String DEFAULT_TABLE = "_sqlx_migrations";
	/** How long a run waits for another instance's run when no lock timeout is given: 5 minutes. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);
	/** How much SQL text a run keeps lexed between its pre-run checks and its apply (beyond it, files are lexed again). */
	private static final long KEEP_LEXED_CHARS = 4 << 20;
	/** Whether a run groups its migrations in one transaction when none is said: on an empty database. */
	public static final GroupMode DEFAULT_GROUP = GroupMode.EMPTY;
	/** The longest lock timeout: 2^31 - 1 ms (about 24.8 days), what both databases can wait. */
	public static final Duration MAX_LOCK_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	private final DataSource dataSource;
	private final List<String> locations;
	private final String table;
	private final Duration lockTimeout;
	private final boolean validateChecksums;
	private final boolean ignoreMissing;
	private final boolean ignoreFuture;
	private final ClassLoader classLoader;
	private final AuditMode auditMode;
	private final Set<Audit.Database> databases;
	private final ScratchDatabases scratchDatabases;
	private final Long baselineVersion;
	private final GroupMode group;
	private volatile List<Migration> migrations;
	/** Whether the connection's settings were checked against the schema (once per engine: a warning, not a rule). */
	private volatile boolean settingsChecked;

	private Migrator(Builder b) {
		this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
		this.locations = List.copyOf(b.locations);
		this.table = History.validTable(b.table);
		this.lockTimeout = b.lockTimeout;
		this.validateChecksums = b.validateChecksums;
		this.ignoreMissing = b.ignoreMissing;
		this.ignoreFuture = b.ignoreFuture;
		this.classLoader = b.classLoader;
		this.auditMode = b.auditMode;
		this.databases = b.databases;
		this.scratchDatabases = b.scratchDatabases;
		this.baselineVersion = b.baselineVersion;
		this.group = b.group;
		this.migrations = b.migrations;
	}

	/**
	 * Starts the configuration of an engine; every option has a default (see {@link Builder}).
	 *
	 * @param dataSource where the migrations are applied; each operation takes one connection from it and
	 *     gives it back with the session and auto-commit it had
	 * @return a builder; {@link Builder#build()} throws a {@link NullPointerException} if {@code dataSource} is null
	 */
	public static Builder builder(DataSource dataSource) {
		return new Builder(dataSource);
	}

	/**
	 * The migration files, read and validated on first use and kept for the engine's life.
	 *
	 * @return the migrations in version order ({@link Builder#migrations} if given, else those of the locations)
	 * @throws MigrationException of kind {@link MigrationException.Kind#INVALID_FILES}, listing every problem
	 *     of the set
	 */
	public List<Migration> migrations() {
		List<Migration> loaded = migrations;
		if (loaded == null) {
			loaded = MigrationSource.load(locations, classLoader);
			migrations = loaded;
		}
		return loaded;
	}

	/** {@return the history table, as configured (optionally {@code schema.table})} */
	public String table() {
		return table;
	}

	/** {@return where the migration files are read from, as configured} */
	public List<String> locations() {
		return locations;
	}

	/** {@return the data source the migrations are applied to} */
	public DataSource dataSource() {
		return dataSource;
	}

	/** {@return what a run does with audit findings on the pending files} */
	public AuditMode auditMode() {
		return auditMode;
	}

	/** {@return the databases the migrations must run on (the audit's target): both unless the builder said otherwise} */
	public Set<Audit.Database> databases() {
		return databases;
	}

	/** {@return how long a run waits for another instance's run before it fails} */
	public Duration lockTimeout() {
		return lockTimeout;
	}

	/** {@return whether an applied migration whose file changed stops a run} */
	public boolean validateChecksums() {
		return validateChecksums;
	}

	/** {@return whether applied versions that no longer have a file are tolerated} */
	public boolean ignoreMissing() {
		return ignoreMissing;
	}

	/** {@return whether versions applied above every file of this build are tolerated (with a warning)} */
	public boolean ignoreFuture() {
		return ignoreFuture;
	}

	/**
	 * {@return how scratch databases are made ({@link DriftCheck}, the lost-history check), or null when not
	 * configured} Null is enough on SQLite, where {@link ScratchDatabases#sqlite()} is used.
	 */
	public ScratchDatabases scratchDatabases() {
		return scratchDatabases;
	}

	/** {@return whether a run applies its pending migrations in one transaction ({@link Builder#group})} */
	public GroupMode group() {
		return group;
	}

	/** {@return the baseline version ({@link Builder#baselineVersion}), or null when none is configured} */
	public Long baselineVersion() {
		return baselineVersion;
	}

	/**
	 * Applies every pending migration, in version order, each in its own transaction with its history row
	 * (unless it is marked no-transaction), or several in one as {@link Builder#group} says; the error of a
	 * failed one names its file and line. With nothing
	 * pending it takes no lock and only reads the history.
	 *
	 * @return what this run applied, the version the schema is at, and how long the run took
	 * @throws MigrationException saying what is wrong, where and the fix; its {@link MigrationException#kind()} says
	 *     what was done to the database: nothing for invalid files, audit errors (in {@link AuditMode#FAIL}),
	 *     refused statements, a history that does not match the files, a lock timeout or an invalid
	 *     setting; after a failed migration ({@code MIGRATION_FAILED}) or a lost connection
	 *     ({@code CONNECTION}) the migrations before it stay applied and the failed one left nothing,
	 *     unless it ran without a transaction; in a group ({@link GroupMode}) nothing of the group stays
	 */
	public MigrateResult migrate() {
		long start = System.nanoTime();
		List<Migration> files = migrations();
		List<MigrateResult.Applied> applied = new ArrayList<>();
		String[] database = new String[1];
		Work<Long> run = (c, dialect, history) -> {
			database[0] = describe(c);
			// Nothing to do needs no lock: once no other instance is migrating, the history tells. So
			// instances starting together (PostgreSQL) wait for the one that migrates, then check side
			// by side instead of taking the lock one after another.
			Dialect.RunLock lock = null;
			while (lock == null) {
				if (dialect.awaitUnlocked(c, lockTimeout) && history.exists(c)) {
					Map<Long, AppliedMigration> rows = byVersion(history.readForRun(c));
					if (files.stream().allMatch(m -> rows.get(m.version()) != null && rows.get(m.version()).success())) {
						check(files, rows);
						return rows.values().stream().filter(AppliedMigration::success).map(AppliedMigration::version)
								.max(Long::compare).orElse(null);
					}
				}
				// Null when another instance took the lock meanwhile: wait for it, and look again.
				lock = dialect.tryLock(c, lockTimeout);
			}
			return locked(c, dialect, lock, () -> {
				boolean exists = history.exists(c);
				Map<Long, AppliedMigration> rows = byVersion(exists ? history.readForRun(c) : List.of());
				check(files, rows);
				// No history rows but user objects: a lost history, another tool's database, or a baseline.
				ExistingSchema existing = rows.isEmpty() ? ExistingSchema.inspect(this, c, exists, files) : ExistingSchema.NONE;
				// Audited before anything, the history table included, is written.
				List<Migration> pending = files.stream().filter(m -> !existing.baselined(m))
					.filter(m -> rows.get(m.version()) == null || !rows.get(m.version()).success()).toList();
				// The statements are kept for the apply: each pending up is lexed here and by the audit, not a third time.
				Map<SqlFile, List<SqlStatement>> lexed = Preflight.upsKeeping(pending, table, dialect, KEEP_LEXED_CHARS);
				auditPending(files, pending);
				List<MigrateResult.Applied> replayed = existing.lostHistory()
						? existing.replay(this, c, dialect, history, files) : null;
				if (replayed != null) {
					applied.addAll(replayed);
					return files.isEmpty() ? null : highestVersion(files);
				}
				// An empty database (no history table, no user objects) may get its history table in the group.
				boolean empty = !exists && existing == ExistingSchema.NONE;
				boolean grouped = group == GroupMode.ALWAYS || group == GroupMode.EMPTY && empty;
				if (!exists && !(grouped && empty)) {
					history.create(c);
				}
				existing.recordBaseline(c, dialect, history, files, rows);
				// The schema's version follows from what was read and applied: no second read of the history.
				Long version = rows.values().stream().filter(AppliedMigration::success).map(AppliedMigration::version)
						.max(Long::compare).orElse(null);
				List<Migration> todo = files.stream()
					.filter(m -> rows.get(m.version()) == null || !rows.get(m.version()).success()).toList();
				if (grouped) {
					applyGrouped(c, dialect, history, todo, rows, empty, applied, lexed);
				}
				else {
					for (Migration m : todo) {
						applyOne(c, dialect, history, m, rows, applied, lexed);
					}
				}
				// Applied now, or meanwhile by another process (SQLite): either way it is in the history.
				if (todo.isEmpty()) {
					return version;
				}
				long highest = highestVersion(todo);
				return version == null ? highest : Math.max(version, highest);
			});
		};
		Long current = inConnection("migrate", (c, dialect, history) -> {
			Long version = run.run(c, dialect, history);
			if (!settingsChecked) {
				settingsChecked = true;
				dialect.warnAboutSettings(c);
			}
			return version;
		});
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		String where = database[0] + ", locations " + String.join(", ", locations) + ", history table " + table;
		if (applied.isEmpty()) {
			log.info("Schema is up to date at version {} ({} migrations; {}; checked in {} ms)", current, files.size(),
					where, took.toMillis());
		}
		else {
			log.info("Applied {} migration(s) in {} ms; schema now at version {} ({})", applied.size(), took.toMillis(),
					current, where);
		}
		return new MigrateResult(List.copyOf(applied), current, took);
	}

	/**
	 * Audits every migration file, ups and downs, applied or not, without touching the database
	 * (for tools, tests and endpoints; {@link #migrate()} audits only what is pending). A file the
	 * lexer rejects (an unterminated string) throws its {@link MigrationException}, naming file:line:column.
	 * Each file is audited once per checksum in the process (a run's audit of pending files included):
	 * calling this again costs a look-up per file, not a lexing.
	 *
	 * @return every finding of every file, waived ones and warnings included; empty when all files are clean
	 * @throws MigrationException when the files are invalid, or a file cannot be lexed
	 */
	public List<Finding> audit() {
		return Audit.of(migrations(), databases);
	}

	/**
	 * Audits the pending migrations before any of them runs, as the audit mode says: FAIL throws
	 * listing every unwaived error, WARN logs. Files applied with an unchanged checksum were audited
	 * when they were applied, so a warm start lexes nothing. The findings are kept (not the tokens):
	 * {@link #audit()} and the endpoint reuse them.
	 */
	private void auditPending(List<Migration> files, List<Migration> pending) {
		if (auditMode == AuditMode.OFF) {
			return;
		}
		// Read across files too: a pending file that drops what an applied one uses makes that one unsafe to replay.
		List<Finding> findings = Audit.of(files, pending, databases);
		List<String> errors = findings.stream().filter(Finding::blocks).map(Finding::toString).toList();
		for (Finding f : findings) {
			if (f.isWaived()) {
				log.info("Audit: {}", f);
			}
			else if (auditMode == AuditMode.WARN || !f.blocks()) {
				log.warn("Audit: {}", f);
			}
		}
		if (auditMode == AuditMode.FAIL && !errors.isEmpty()) {
			throw new MigrationException(MigrationException.Kind.AUDIT, "The audit found " + errors.size() + " problem(s) in the pending migrations; "
					+ "nothing was executed. Fix each one, or waive it in its file with -- replaysafe:allow <rule-id> "
					+ "<reason>", errors);
		}
	}

	/**
	 * Every migration with its state, from the files and the history; reads only, takes no lock.
	 *
	 * @return one status per version found in the files or the history, in version order; all
	 *     {@code PENDING} when the history table does not exist
	 * @throws MigrationException when the files are invalid or the database cannot be read
	 */
	public List<MigrationStatus> status() {
		List<AppliedMigration> rows = inConnection("read the status", (c, dialect, history) -> history.exists(c)
				? history.read(c) : List.of());
		Map<Long, AppliedMigration> byVersion = byVersion(rows);
		Map<Long, MigrationStatus> all = new TreeMap<>();
		for (Migration m : migrations()) {
			AppliedMigration row = byVersion.get(m.version());
			MigrationStatus.State state = row == null ? MigrationStatus.State.PENDING
					: !row.success() ? MigrationStatus.State.FAILED
					: !checksumMatches(m, row) ? MigrationStatus.State.CHECKSUM_MISMATCH
					: row.executionTimeNanos() == ExistingSchema.BASELINE_TIME ? MigrationStatus.State.BASELINE
					: MigrationStatus.State.APPLIED;
			all.put(m.version(), new MigrationStatus(m.version(), m.description(), state, SqlFile.hex(m.checksum()),
					row == null ? null : row.installedOn(), row == null ? null : millis(row), true, m.up().location()));
		}
		long highestFile = highestVersion(migrations());
		for (AppliedMigration row : rows) {
			all.putIfAbsent(row.version(), new MigrationStatus(row.version(), row.description(),
					row.version() > highestFile ? MigrationStatus.State.FUTURE : MigrationStatus.State.MISSING_FILE,
					SqlFile.hex(row.checksum()), row.installedOn(), millis(row), false, null));
		}
		return List.copyOf(all.values());
	}

	/**
	 * Checks without changing anything that every applied migration still has its unchanged file;
	 * throws as {@link #migrate()} would.
	 *
	 * @return the status, as {@link #status()} returns it
	 * @throws MigrationException of kind {@code HISTORY_MISMATCH} listing every applied migration whose
	 *     file has changed or is missing, as configured by {@link Builder#validateChecksums},
	 *     {@link Builder#ignoreMissing} and {@link Builder#ignoreFuture}
	 */
	public List<MigrationStatus> validate() {
		inConnection("validate", (c, dialect, history) -> {
			check(migrations(), byVersion(history.exists(c) ? history.read(c) : List.of()));
			return null;
		});
		return status();
	}

	/**
	 * {@return the database product and version as the driver reports them ({@code PostgreSQL 15.18})}
	 *
	 * @throws MigrationException of kind {@code CONNECTION} when the database cannot be reached
	 */
	public String databaseDescription() {
		return inConnection("read the database version", (c, dialect, history) ->
				c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion());
	}

	private static Long millis(AppliedMigration row) {
		return row.executionTimeNanos() < 0 ? null : row.executionTimeNanos() / 1_000_000;
	}

	/** The highest version among {@code files}, {@code Long.MIN_VALUE} when there are none. */
	static long highestVersion(List<Migration> files) {
		return files.stream().mapToLong(Migration::version).max().orElse(Long.MIN_VALUE);
	}

	void check(List<Migration> files, Map<Long, AppliedMigration> rows) {
		Map<Long, Migration> byVersion = new LinkedHashMap<>();
		files.forEach(m -> byVersion.put(m.version(), m));
		long highestFile = highestVersion(files);
		List<String> problems = new ArrayList<>();
		List<Long> future = new ArrayList<>();
		for (AppliedMigration row : rows.values()) {
			Migration m = byVersion.get(row.version());
			if (m == null && row.success() && row.version() > highestFile) {
				if (ignoreFuture) {
					future.add(row.version());
				}
				else {
					problems.add("migration " + row.version() + " (" + row.description() + ") is applied in the "
							+ "database above every file of this build in " + String.join(", ", locations) + ": a newer "
							+ "build migrated it; start the newer build, or set replaysafe.ignore-future=true "
							+ "(Migrator.Builder.ignoreFuture) to run this one on the newer schema");
				}
			}
			else if (m == null) {
				if (!ignoreMissing && row.success()) {
					problems.add("migration " + row.version() + " (" + row.description() + ") is applied in the database "
							+ "but no file has this version in " + String.join(", ", locations) + "; restore the file, "
							+ "or set ignoreMissing (replaysafe.ignore-missing=true) if it was removed on purpose");
				}
				else if (!ignoreMissing) {
					// A failed row is repaired by applying its file again; without the file it cannot be (sqlx
					// refuses every failed row as dirty), and what the failed run left is unknown.
					problems.add("migration " + row.version() + " (" + row.description() + ") is marked failed in "
							+ table + " and no file has this version in " + String.join(", ", locations)
							+ ", so it cannot be applied again; restore the file (the next run applies it), or check "
							+ "what the failed run left and delete its row (DELETE FROM " + table + " WHERE version = "
							+ row.version() + "), or set ignoreMissing (replaysafe.ignore-missing=true) if it was "
							+ "removed on purpose");
				}
			}
			else if (validateChecksums && row.success() && !checksumMatches(m, row)) {
				problems.add("migration " + row.version() + " (" + m.up().location() + ") has changed since it was "
						+ "applied: recorded checksum " + SqlFile.hex(row.checksum()) + ", file checksum "
						+ SqlFile.hex(m.checksum()) + "; an applied migration must not change: restore the file and "
						+ "put the change in a new migration");
			}
		}
		if (!problems.isEmpty()) {
			throw new MigrationException(MigrationException.Kind.HISTORY_MISMATCH, "The database history does not match the migration files", problems);
		}
		if (!future.isEmpty()) {
			log.warn("The database is ahead of this build: version(s) {} are applied but have no file here (a newer "
					+ "build migrated it: a rolling deploy, or a release rolled back); starting on that schema "
					+ "(replaysafe.ignore-future=false refuses this)", future);
		}
	}

	/**
	 * A backstop for what the token check cannot see (dynamic SQL, a trigger, DROP SCHEMA ... CASCADE):
	 * the history table must still exist, with the rows it had before the migration's statements.
	 */
	private void requireHistoryUnchanged(Connection c, History history, Migration m, boolean inTransaction,
			History.Fingerprint before) throws SQLException {
		requireHistoryUnchanged(c, history, m, inTransaction, before, null);
	}

	/** {@code group}: what a failure leaves when {@code m} runs in a group, else null. */
	private void requireHistoryUnchanged(Connection c, History history, Migration m, boolean inTransaction,
			History.Fingerprint before, GroupFailure group) throws SQLException {
		String outcome = group != null ? group.afterFix()
				: inTransaction ? "Its transaction was rolled back: nothing of this migration was applied."
				: "This file runs without a transaction (-- replaysafe:no-transaction), so its statements stay "
						+ "applied and cannot be rolled back, and no history row was written for it. ";
		// One cheap read when nothing changed (a mark of the transaction's changes); the table's existence
		// and the kind of change are looked at only to word the error.
		History.Fingerprint after = before.isMark() ? history.changes(c) : history.exists(c) ? history.fingerprint(c)
				: null;
		if (after != null && after.equals(before)) {
			return;
		}
		if (after == null || !history.exists(c)) {
			throw new MigrationException("Migration " + m.version() + " (" + m.up().location() + ") dropped or renamed "
					+ "the history table " + table + "; a migration must not change replaysafe's history: remove that "
					+ "statement. " + (!inTransaction
							? outcome + "The next run recreates the history table and replays every up (they are "
									+ "replay-safe)."
							: outcome));
		}
		{
			String rows = before.isMark() ? "its statements inserted, updated, deleted or truncated rows"
					: after.rows() == before.rows() ? "a row's version, success or checksum was updated"
					: after.rows() < before.rows() ? (before.rows() - after.rows()) + " of its " + before.rows()
							+ " rows were deleted" : (after.rows() - before.rows()) + " rows were inserted";
			throw new MigrationException("Migration " + m.version() + " (" + m.up().location() + ") changed the rows of "
					+ "the history table " + table + " (" + rows + "), through dynamic SQL or a trigger the token check "
					+ "cannot see; a migration must not change replaysafe's history (the run writes it): remove that "
					+ "statement. " + outcome + (inTransaction ? ""
							: "Restore the rows it changed (SELECT * FROM " + table + " shows them; a deleted row makes "
									+ "its migration pending again, which replays its replay-safe up), fix this file, "
									+ "and start again: the next run executes it again from the top."));
		}
	}

	private boolean checksumMatches(Migration m, AppliedMigration row) {
		if (MessageDigest.isEqual(m.checksum(), row.checksum())) {
			return true;
		}
		if (m.up().sameContentIgnoringLineEnds(row.checksum())) {
			log.warn("{} differs from the applied migration {} only in line endings (CRLF/LF); taken as unchanged",
					m.up().location(), m.version());
			return true;
		}
		return false;
	}

	/** Applies {@code m} in its own transaction (unless it opts out), as a run without grouping does. */
	private void applyOne(Connection c, Dialect dialect, History history, Migration m, Map<Long, AppliedMigration> rows,
			List<MigrateResult.Applied> applied, Map<SqlFile, List<SqlStatement>> lexed) throws SQLException {
		AppliedMigration row = rows.get(m.version());
		if (row != null) {
			log.warn("Migration {} is marked failed in {}; its up is replay-safe, so it is applied again", m, table);
		}
		dialect.keepSession(c);
		MigrateResult.Applied done = apply(c, dialect, history, m, row != null, lexed.remove(m.up()));
		if (done != null) {
			applied.add(done);
		}
	}

	/**
	 * Applies {@code todo} in as few transactions as it can ({@link GroupMode}): consecutive files that
	 * may share one form a group; a file that must run on its own ({@link Dialect#groupable}) runs in
	 * its own transaction between two groups. {@code createHistory}: the history table does not exist
	 * yet and is created in the first group (or before the first file that runs on its own).
	 */
	private void applyGrouped(Connection c, Dialect dialect, History history, List<Migration> todo,
			Map<Long, AppliedMigration> rows, boolean createHistory, List<MigrateResult.Applied> applied,
			Map<SqlFile, List<SqlStatement>> lexed) throws SQLException {
		long budget = dialect.lockBudget(c);
		boolean historyReady = !createHistory;
		List<Migration> group = new ArrayList<>();
		for (int i = 0; i <= todo.size(); i++) {
			Migration m = i < todo.size() ? todo.get(i) : null;
			if (m != null && dialect.groupable(c, m)) {
				group.add(m);
				continue;
			}
			if (!group.isEmpty()) {
				applyGroup(c, dialect, history, group, rows, !historyReady, budget, applied, lexed);
				historyReady = true;
				group = new ArrayList<>();
			}
			if (m != null) {
				if (!historyReady) {
					history.create(c);
					historyReady = true;
				}
				log.info("Migration {} runs in its own transaction, between groups: {}", m, m.noTransaction()
						&& dialect.honoursNoTransaction() ? "it is marked no-transaction"
								: "what it sets lasts until its transaction ends (SET LOCAL, SET CONSTRAINTS, "
										+ "set_config, PRAGMA defer_foreign_keys), or it drops a table with foreign keys on");
				applyOne(c, dialect, history, m, rows, applied, lexed);
			}
		}
	}

	/**
	 * One group: in one transaction if its locks fit, else (or if the database runs out of locks, or,
	 * on SQLite, another process created the history meanwhile) each migration in its own.
	 */
	private void applyGroup(Connection c, Dialect dialect, History history, List<Migration> group,
			Map<Long, AppliedMigration> rows, boolean createHistory, long budget, List<MigrateResult.Applied> applied,
			Map<SqlFile, List<SqlStatement>> lexed) throws SQLException {
		long estimate = 0;
		for (Migration m : group) {
			estimate += dialect.lockEstimate(m.up());
		}
		List<MigrateResult.Applied> done = null;
		if (estimate > budget) {
			log.warn("Applying migrations {} to {} each in its own transaction, not in one (replaysafe.group={}): "
					+ "together they would hold about {} locks, more than half of PostgreSQL's lock table ({} = "
					+ "max_locks_per_transaction x (max_connections + max_prepared_transactions) / 2); raise "
					+ "max_locks_per_transaction to group them", group.get(0).version(), group.get(group.size() - 1)
						.version(), name(this.group), estimate, budget);
		}
		else {
			done = inOneTransaction(c, dialect, history, group, rows, createHistory, lexed);
		}
		if (done != null) {
			applied.addAll(done);
			return;
		}
		if (createHistory) {
			history.create(c);
		}
		for (Migration m : group) {
			applyOne(c, dialect, history, m, rows, applied, lexed);
		}
	}

	private static String name(GroupMode mode) {
		return mode.name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * {@code group} and their history rows in one transaction (with the history table first when
	 * {@code createHistory}); null when it must go migration by migration instead: another process
	 * created the history meanwhile (SQLite; its rows decide, read in each migration's write lock),
	 * or the database ran out of locks (rolled back, so nothing of it stays).
	 */
	private List<MigrateResult.Applied> inOneTransaction(Connection c, Dialect dialect, History history,
			List<Migration> group, Map<Long, AppliedMigration> rows, boolean createHistory,
			Map<SqlFile, List<SqlStatement>> lexed) throws SQLException {
		long first = group.get(0).version();
		String range = group.size() == 1 ? "Migration " + first : "Migrations " + first + " to "
				+ group.get(group.size() - 1).version();
		GroupFailure outcome = new GroupFailure(range + (group.size() == 1 ? " ran" : " ran together")
				+ " in one transaction (replaysafe.group=" + name(this.group) + "), which was rolled back: " + (createHistory
						? "nothing was applied, and the database is as it was before the run (empty, without the "
								+ "history table " + table + ")."
						: "none of them was applied; migrations before " + first + " stay applied."),
				createHistory ? "." : ": the run resumes at migration " + first + ".");
		List<MigrateResult.Applied> done = new ArrayList<>();
		dialect.keepSession(c);
		if (!createHistory) {
			history.watchChanges(c);
		}
		boolean ownsLock = dialect.begin(c);
		try {
			if (createHistory) {
				if (history.exists(c)) {
					dialect.rollback(c);
					log.info("Another process created the history table {} meanwhile: applying each migration in its "
							+ "own transaction, as its history says", table);
					return null;
				}
				history.createInTransaction(c);
				// Set up in the transaction that creates the table: a rollback ends the run, which undoes it anyway.
				history.watchChanges(c);
			}
			for (Migration m : group) {
				long start = System.nanoTime();
				AppliedMigration row = rows.get(m.version());
				// Re-read inside the write lock (SQLite): another process may have applied it, or left a failed row.
				Boolean success = ownsLock && !createHistory ? history.success(c, m.version()) : null;
				if (Boolean.TRUE.equals(success)) {
					log.info("Migration {} was applied meanwhile by another process", m);
					continue;
				}
				if (row != null) {
					log.warn("Migration {} is marked failed in {}; its up is replay-safe, so it is applied again", m, table);
				}
				History.Fingerprint before = history.changes(c);
				run(c, dialect, m, m.up(), lexed.remove(m.up()), true, outcome);
				requireHistoryUnchanged(c, history, m, true, before, outcome);
				if (row != null || success != null) {
					history.delete(c, m.version());
				}
				long nanos = System.nanoTime() - start;
				history.record(c, m, nanos);
				done.add(new MigrateResult.Applied(m.version(), m.description(), Duration.ofNanos(nanos)));
			}
			dialect.commit(c);
		}
		catch (Throwable e) {
			rollbackQuietly(c, dialect, e);
			if (outOfLocks(dialect, e)) {
				log.warn("{} could not run in one transaction: the database ran out of locks ({}); it was rolled "
						+ "back, and each migration now runs in its own transaction. Raise max_locks_per_transaction "
						+ "to group them, or set replaysafe.group=never", range, firstLine(e.getMessage()));
				return null;
			}
			throw e;
		}
		for (MigrateResult.Applied a : done) {
			log.info("Applied migration {} ({}) in {} ms", a.version(), a.description(), a.duration().toMillis());
		}
		log.info("{} committed in one transaction (replaysafe.group={})", range, name(this.group));
		return done;
	}

	private static boolean outOfLocks(Dialect dialect, Throwable e) {
		for (Throwable t = e; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql && dialect.outOfLocks(sql)) {
				return true;
			}
		}
		return false;
	}

	/** {@code lexed}: the up's statements if the pre-run check kept them, else null (it is lexed again as it runs). */
	private MigrateResult.Applied apply(Connection c, Dialect dialect, History history, Migration m,
			boolean replacingFailed, List<SqlStatement> lexed) throws SQLException {
		long start = System.nanoTime();
		// One measure for the history row, the log line and the result: what the endpoint shows is what was logged.
		long nanos;
		if (m.noTransaction() && dialect.honoursNoTransaction()) {
			History.Fingerprint before = history.fingerprint(c);
			run(c, dialect, m, m.up(), lexed, false, null);
			requireHistoryUnchanged(c, history, m, false, before);
			if (replacingFailed) {
				history.delete(c, m.version());
			}
			nanos = System.nanoTime() - start;
			history.record(c, m, nanos);
		}
		else {
			history.watchChanges(c);
			boolean ownsLock = dialect.begin(c, m.up());
			try {
				// Re-read inside the write lock (SQLite): another process may have applied it, or left a failed row.
				Boolean success = ownsLock ? history.success(c, m.version()) : null;
				if (Boolean.TRUE.equals(success)) {
					dialect.rollback(c);
					log.info("Migration {} was applied meanwhile by another process", m);
					return null;
				}
				History.Fingerprint before = history.changes(c);
				run(c, dialect, m, m.up(), lexed, true, null);
				requireHistoryUnchanged(c, history, m, true, before);
				if (replacingFailed || success != null) {
					history.delete(c, m.version());
				}
				nanos = System.nanoTime() - start;
				history.record(c, m, nanos);
				dialect.commit(c);
			}
			catch (Throwable e) {
				// An Error too (OutOfMemoryError, a driver's StackOverflowError): never leave the transaction open.
				rollbackQuietly(c, dialect, e);
				throw e;
			}
			finally {
				dialect.afterMigration(c);
			}
		}
		Duration took = Duration.ofNanos(nanos);
		log.info("Applied migration {} ({}) in {} ms", m.version(), m.description(), took.toMillis());
		return new MigrateResult.Applied(m.version(), m.description(), took);
	}

	/**
	 * Executes a file's statements as the lexer produces them (only the one running is held, so a big
	 * file needs no memory for all its tokens); a failure names the file, the line and the database's message.
	 */
	/**
	 * What a failure inside a group leaves ({@code left}), and how the next run goes on ({@code resume}):
	 * the advice before it depends on the cause (a broken file, or a lost connection, which says nothing
	 * against the file).
	 */
	private record GroupFailure(String left, String resume) {

		String afterFix() {
			return left + " Fix the file and start again" + resume;
		}

		String afterLostConnection() {
			return left + " Start again" + resume;
		}
	}

	static void run(Connection c, Dialect dialect, Migration m, SqlFile file, boolean inTransaction) {
		run(c, dialect, m, file, null, inTransaction, null);
	}

	/**
	 * {@code lexed}: the file's statements if already split, else null (streamed from the lexer);
	 * {@code group}: what a failure leaves when {@code m} runs in a group ({@link GroupMode}), else null.
	 */
	static void run(Connection c, Dialect dialect, Migration m, SqlFile file, List<SqlStatement> lexed,
			boolean inTransaction, GroupFailure group) {
		if (lexed != null) {
			for (SqlStatement statement : lexed) {
				execute(c, dialect, m, file, statement, inTransaction, group);
			}
			return;
		}
		SqlScript.scan(file.location(), file.text(),
				statement -> execute(c, dialect, m, file, statement, inTransaction, group), comment -> {
				});
	}

	private static void execute(Connection c, Dialect dialect, Migration m, SqlFile file, SqlStatement statement,
			boolean inTransaction, GroupFailure group) {
		try {
			dialect.execute(c, statement);
		}
		catch (SQLException e) {
			String outcome = group != null ? (connectionLost(e) ? "The connection to the database was lost (the "
					+ "file may be fine), and the server rolled the transaction back. " + group.afterLostConnection()
					: group.afterFix())
					: connectionLost(e)
					? "The connection to the database was lost (the file may be fine): " + (inTransaction
							? "the server rolled this migration's transaction back, so nothing of it was applied; "
									+ "start again: the run resumes at this migration."
							: "the statements of this file before this one stay applied and no history row was "
									+ "written; start again: the next run executes the file again from the top.")
					: inTransaction
					? "Nothing of this migration was applied (its transaction was rolled back); earlier migrations "
							+ "stay applied. Fix the file and start again: the run resumes at this migration."
					: "This file runs without a transaction (-- replaysafe:no-transaction): the statements before "
							+ "this one stay applied and no history row was written; once the file is fixed the next "
							+ "run executes it again from the top, which its replay-safe guards make harmless.";
			throw new MigrationException(connectionLost(e) ? MigrationException.Kind.CONNECTION
					: MigrationException.Kind.MIGRATION_FAILED, "Migration " + m.version() + " failed at " + file.location() + ":"
					+ dialect.errorLine(e, statement) + ": " + firstLine(e.getMessage())
					+ "\n  statement: "
					+ abbreviate(statement.sql()) + "\n" + outcome, e);
		}
	}

	/** "PostgreSQL 15.18 at jdbc:postgresql://host/db as app": what a start's summary names (no parameters, no password). */
	private static String describe(Connection c) throws SQLException {
		java.sql.DatabaseMetaData meta = c.getMetaData();
		String user = meta.getUserName();
		return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + " at "
				+ withoutPassword(meta.getURL()) + (user == null || user.isEmpty() ? "" : " as " + user);
	}

	/** A JDBC URL without its parameters (drivers list dozens, a password among them) or a {@code user:password@}. */
	static String withoutPassword(String url) {
		return String.valueOf(url).replaceFirst("[?;].*$", "").replaceAll("(//[^/:@]+):[^/@]*@", "$1:***@");
	}

	/** Connection exceptions (class 08) and an administrator's termination (57P01..57P03). */
	private static boolean connectionLost(SQLException e) {
		String state = String.valueOf(e.getSQLState());
		return state.startsWith("08") || state.startsWith("57P0");
	}

	/** A lost connection, a refused login (28...), a database that does not exist, or an SQLite file that cannot be opened. */
	private static boolean cannotConnect(SQLException e) {
		String state = String.valueOf(e.getSQLState());
		return connectionLost(e) || state.startsWith("28") || state.equals("3D000")
				|| String.valueOf(e.getMessage()).contains("SQLITE_CANTOPEN");
	}

	private static String firstLine(String message) {
		String m = String.valueOf(message).strip();
		int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}

	private static String abbreviate(String sql) {
		String flat = sql.replaceAll("\\s+", " ");
		return flat.length() <= 200 ? flat : flat.substring(0, 197) + "...";
	}

	static void rollbackQuietly(Connection c, Dialect dialect, Throwable cause) {
		try {
			dialect.rollback(c);
		}
		catch (Throwable e) {
			cause.addSuppressed(e);
		}
	}

	static Map<Long, AppliedMigration> byVersion(List<AppliedMigration> rows) {
		Map<Long, AppliedMigration> map = new LinkedHashMap<>();
		rows.forEach(r -> map.put(r.version(), r));
		return map;
	}

	@FunctionalInterface
	interface Work<T> {
		T run(Connection c, Dialect dialect, History history) throws SQLException;
	}

	/** Runs {@code work} in a connection holding the lock. */
	<T> T inSession(String what, Work<T> work) {
		return inConnection(what, (c, dialect, history) -> locked(c, dialect, dialect.lock(c, lockTimeout),
				() -> work.run(c, dialect, history)));
	}

	@FunctionalInterface
	private interface Locked<T> {
		T run() throws SQLException;
	}

	/**
	 * Runs {@code work} holding {@code lock}, then, on every path, gives the connection back its
	 * session (what a file changed) and releases the lock; an error there joins the first one.
	 */
	private <T> T locked(Connection c, Dialect dialect, Dialect.RunLock lock, Locked<T> work) throws SQLException {
		Throwable failure = null;
		try {
			return work.run();
		}
		catch (Throwable e) {
			failure = e;
			throw e;
		}
		finally {
			// Before the release: SQLite's lock puts back the busy timeout it found, after the session's.
			MigrationException unrestored = restoreSession(c, dialect);
			try {
				lock.close();
			}
			catch (SQLException e) {
				if (failure == null && unrestored == null) {
					throw e;
				}
				(failure != null ? failure : unrestored).addSuppressed(e);
			}
			if (unrestored != null) {
				if (failure == null) {
					throw unrestored;
				}
				failure.addSuppressed(unrestored);
			}
		}
	}

	/**
	 * Puts back the session the first file found; null when done. If that fails the connection is
	 * closed for good (abort), so that no pool hands it to the application changed, and the error says so.
	 */
	private MigrationException restoreSession(Connection c, Dialect dialect) {
		try {
			dialect.stopWatchingHistory(c);
			dialect.restoreSession(c);
			return null;
		}
		catch (SQLException | RuntimeException e) {
			MigrationException error = new MigrationException("Could not give the connection back the session "
					+ "state it had before the migrations (" + firstLine(e.getMessage()) + "); the migrations' own "
					+ "outcome stands (see the history), and the connection was closed instead of being handed back "
					+ "changed. Remove from the migration the statement that changed its session in a way that "
					+ "cannot be undone", e);
			try {
				dialect.abort(c);
			}
			catch (SQLException | RuntimeException a) {
				error.addSuppressed(a);
			}
			return error;
		}
	}

	private <T> T inConnection(String what, Work<T> work) {
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			c.setAutoCommit(true);
			Dialect dialect = Dialect.of(c);
			try {
				return work.run(c, dialect, new History(dialect, table));
			}
			catch (SQLException e) {
				// A lock wait that ran out anywhere in the run (SQLite's busy timeout) gets one clear message.
				MigrationException timedOut = dialect.lockTimeout(e, lockTimeout);
				if (timedOut != null) {
					throw timedOut;
				}
				throw e;
			}
			finally {
				if (!c.isClosed() && !dialect.aborted()) {
					c.setAutoCommit(autoCommit);
				}
			}
		}
		catch (SQLException e) {
			// Before any statement ran (no connection, a refused login) or while the run talked to the database.
			throw new MigrationException(cannotConnect(e) ? MigrationException.Kind.CONNECTION : MigrationException.Kind.OTHER,
					"Could not " + what + ": " + firstLine(e.getMessage()), e);
		}
	}

	/** Configuration of a {@link Migrator}; every option has a default. */
	public static final class Builder {

		private final DataSource dataSource;
		private List<String> locations = List.of(DEFAULT_LOCATION);
		private String table = DEFAULT_TABLE;
		private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
		private boolean validateChecksums = true;
		private boolean ignoreMissing;
		private boolean ignoreFuture = true;
		private ClassLoader classLoader = Migrator.class.getClassLoader();
		private AuditMode auditMode = AuditMode.FAIL;
		private Set<Audit.Database> databases = Audit.BOTH;
		private ScratchDatabases scratchDatabases;
		private Long baselineVersion;
		private GroupMode group = DEFAULT_GROUP;
		private List<Migration> migrations;

		private Builder(DataSource dataSource) {
			this.dataSource = dataSource;
		}

		/**
		 * Where the files are: {@code classpath:db/migrations} (default), {@code filesystem:/path}.
		 *
		 * @param locations one or more folders; their files form one set, versions unique across all
		 * @return this builder
		 */
		public Builder locations(String... locations) {
			return locations(List.of(locations));
		}

		/**
		 * Where the files are, as a list; see {@link #locations(String...)}.
		 *
		 * @param locations one or more folders; their files form one set, versions unique across all
		 * @return this builder
		 */
		public Builder locations(List<String> locations) {
			this.locations = List.copyOf(locations);
			return this;
		}

		/**
		 * The history table (default {@code _sqlx_migrations}); letters, digits, _ and one optional schema.
		 *
		 * @param table {@code name} or {@code schema.name}; another name makes {@link #build()} throw
		 *     a {@link MigrationException} of kind {@code CONFIGURATION}
		 * @return this builder
		 */
		public Builder table(String table) {
			this.table = table;
			return this;
		}

		/**
		 * How long to wait for another instance's run to finish (default 5 minutes); zero fails at once.
		 * At most {@link #MAX_LOCK_TIMEOUT}: PostgreSQL's lock_timeout and SQLite's busy timeout are
		 * 32-bit millisecond counts, so a longer wait could not be kept.
		 *
		 * @param lockTimeout from zero to {@link #MAX_LOCK_TIMEOUT}
		 * @return this builder
		 * @throws MigrationException of kind {@code CONFIGURATION} when it is negative or too long
		 */
		public Builder lockTimeout(Duration lockTimeout) {
			Objects.requireNonNull(lockTimeout, "lockTimeout");
			if (lockTimeout.isNegative() || lockTimeout.compareTo(MAX_LOCK_TIMEOUT) > 0) {
				throw new MigrationException(MigrationException.Kind.CONFIGURATION, "The lock timeout " + lockTimeout + " is out of range (replaysafe.lock-timeout, "
						+ "Migrator.Builder.lockTimeout): it must be between 0 (fail at once if another instance holds "
						+ "the lock) and " + MAX_LOCK_TIMEOUT.toMillis() + " ms (about 24.8 days), the longest wait "
						+ "PostgreSQL's lock_timeout and SQLite's busy timeout can hold; nothing was run");
			}
			this.lockTimeout = lockTimeout;
			return this;
		}

		/**
		 * Whether an applied migration whose file changed stops the run (default true). A file whose only
		 * change is its line ends (CRLF or LF) is never taken as changed.
		 *
		 * @param validateChecksums false to let a run go on when applied files have changed
		 * @return this builder
		 */
		public Builder validateChecksums(boolean validateChecksums) {
			this.validateChecksums = validateChecksums;
			return this;
		}

		/**
		 * Whether applied versions with no file, below the highest file, are tolerated (default false:
		 * they stop the run). Versions above every file are governed by {@link #ignoreFuture}.
		 *
		 * @param ignoreMissing true when files were removed on purpose
		 * @return this builder
		 */
		public Builder ignoreMissing(boolean ignoreMissing) {
			this.ignoreMissing = ignoreMissing;
			return this;
		}

		/**
		 * Whether versions applied above every file of this build (a newer build migrated the database:
		 * a rolling deploy, a rolled-back release) are tolerated with a warning (default true); false
		 * stops the run. A missing version below the highest file is governed by {@link #ignoreMissing}.
		 *
		 * @param ignoreFuture false to refuse running an older build on a newer schema
		 * @return this builder
		 */
		public Builder ignoreFuture(boolean ignoreFuture) {
			this.ignoreFuture = ignoreFuture;
			return this;
		}

		/**
		 * What to do with audit findings on the files about to be applied (default {@link AuditMode#FAIL}).
		 *
		 * @param auditMode not null
		 * @return this builder
		 */
		public Builder audit(AuditMode auditMode) {
			this.auditMode = Objects.requireNonNull(auditMode);
			return this;
		}

		/**
		 * The databases the migrations must run on (default both): with one alone, the audit's
		 * portability rules are off and its replay rules stay on (see {@link Audit.Rule#appliesTo}).
		 *
		 * @param databases one or both of the databases
		 * @return this builder
		 * @throws MigrationException of kind {@code CONFIGURATION} when none is given
		 */
		public Builder databases(Audit.Database... databases) {
			if (databases.length == 0) {
				throw new MigrationException(MigrationException.Kind.CONFIGURATION, "No target database "
						+ "(replaysafe.databases, Migrator.Builder.databases): name sqlite, postgresql or both");
			}
			this.databases = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(databases)));
			return this;
		}

		/**
		 * The class loader {@code classpath:} locations are read with (default: the one that loaded replaysafe).
		 *
		 * @param classLoader the application's class loader, not null
		 * @return this builder
		 */
		public Builder classLoader(ClassLoader classLoader) {
			this.classLoader = Objects.requireNonNull(classLoader);
			return this;
		}

		/**
		 * How to make scratch databases of the application's kind, on which the migrations are built to
		 * compare with the live schema: by {@link DriftCheck}, and by a run that finds user objects but no
		 * history table (a lost history is replayed and recovered; another tool's schema is refused).
		 * SQLite needs none ({@link ScratchDatabases#sqlite()} is used); PostgreSQL needs
		 * {@link ScratchDatabases#postgres} (the server's URL and credentials, a role with {@code CREATEDB}).
		 *
		 * @param scratchDatabases not null; default none
		 * @return this builder
		 */
		public Builder scratchDatabases(ScratchDatabases scratchDatabases) {
			this.scratchDatabases = Objects.requireNonNull(scratchDatabases);
			return this;
		}

		/**
		 * Adopts a database built by another tool ({@code replaysafe.baseline-version}): when the run finds
		 * user objects and no history rows, the migrations up to {@code version} are recorded as applied
		 * without running them (rows with {@code execution_time = -1}, state {@code BASELINE}) and the rest
		 * are applied. Ignored when the history has rows (the database was adopted already) or the schema is
		 * empty (the migrations build it). Negative versions are refused.
		 *
		 * @param version the version of the last migration the existing schema already contains (0 or more)
		 * @return this builder
		 * @throws MigrationException of kind {@code CONFIGURATION} when {@code version} is negative
		 */
		public Builder baselineVersion(long version) {
			if (version < 0) {
				throw new MigrationException(MigrationException.Kind.CONFIGURATION, "The baseline version " + version + " is negative; set "
						+ "replaysafe.baseline-version (Migrator.Builder.baselineVersion) to the version of the last "
						+ "migration the existing schema already contains (0 or more)");
			}
			this.baselineVersion = version;
			return this;
		}

		/**
		 * Whether a run applies its pending migrations in one transaction ({@code replaysafe.group}; default
		 * {@link GroupMode#EMPTY}: when the database is empty, a first deploy or a test database). One
		 * commit instead of one per migration; a failure rolls the whole group back, so on an empty
		 * database it leaves the database empty, without a history table, and the error names the
		 * file and line as ever. Files that must run on their own split the group (see {@link GroupMode}).
		 *
		 * @param group not null; {@link GroupMode#NEVER} keeps each migration in its own transaction
		 * @return this builder
		 */
		public Builder group(GroupMode group) {
			this.group = Objects.requireNonNull(group, "group");
			return this;
		}

		/**
		 * Uses these migrations instead of reading locations (tests, tools that build them).
		 *
		 * @param migrations in version order, as {@link Migration#load} returns them: a run applies them in this order
		 * @return this builder
		 */
		public Builder migrations(List<Migration> migrations) {
			this.migrations = List.copyOf(migrations);
			return this;
		}

		/**
		 * {@return the engine} Nothing is read or connected to until it is used.
		 *
		 * @throws NullPointerException when the data source is null
		 * @throws MigrationException of kind {@code CONFIGURATION} when the history table name is invalid
		 */
		public Migrator build() {
			return new Migrator(this);
		}
	}
}
