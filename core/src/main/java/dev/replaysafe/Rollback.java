package dev.replaysafe;

import dev.replaysafe.internal.audit.Preflight;
import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.history.AppliedMigration;
import dev.replaysafe.internal.history.History;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverts applied migrations with their down files: <strong>for development and test only</strong>.
 *
 * <p>This is the only type in replaysafe that executes a down file, and {@link Migrator} has no
 * way to reach it: an application that never builds a {@code Rollback} has no rollback path. The
 * Spring Boot starter builds one only under a development or test profile; plain-Java users build
 * it explicitly with {@link #of(Migrator)}, in their dev and test code.
 */
public final class Rollback {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	private final Migrator migrator;

	private Rollback(Migrator migrator) {
		this.migrator = Objects.requireNonNull(migrator, "migrator");
	}

	/**
	 * Reverts {@code migrator}'s migrations, with its files, history table and lock timeout. Dev and test only.
	 *
	 * @param migrator the engine whose applied migrations are reverted
	 * @return the rollback; nothing runs until {@link #rollback(long)}
	 */
	public static Rollback of(Migrator migrator) {
		return new Rollback(migrator);
	}

	/**
	 * Reverts applied migrations above {@code targetVersion} by running their downs in strict
	 * reverse order, each in its own transaction together with the removal of its history row.
	 *
	 * @param targetVersion the version to return to; 0 reverts everything
	 * @return what was reverted (newest first) and the version the schema is now at (null when nothing
	 *     applied is left); versions at or below {@code targetVersion} are not touched
	 * @throws MigrationException before any down runs when the history does not match the files (as
	 *     {@link Migrator#migrate()} checks it), a down does what no migration may (transaction control,
	 *     the history table), or another instance holds the lock past the lock timeout; and on the way when
	 *     a down fails or a version to revert has no files: that migration stays applied, the ones reverted
	 *     before it stay reverted
	 */
	public MigrateResult rollback(long targetVersion) {
		long start = System.nanoTime();
		List<MigrateResult.Applied> reverted = new ArrayList<>();
		Map<Long, Migration> files = new TreeMap<>();
		migrator.migrations().forEach(m -> files.put(m.version(), m));
		Long current = migrator.inSession("roll back", (c, dialect, history) -> {
			if (!history.exists(c)) {
				return null;
			}
			List<AppliedMigration> rows = new ArrayList<>(history.read(c));
			migrator.check(migrator.migrations(), Migrator.byVersion(rows));
			rows.sort(Comparator.comparingLong(AppliedMigration::version).reversed());
			Preflight.downs(rows.stream().filter(r -> r.version() > targetVersion && r.success())
				.map(r -> files.get(r.version())).filter(Objects::nonNull).toList(), migrator.table(), dialect);
			for (AppliedMigration row : rows) {
				if (row.version() <= targetVersion || !row.success()) {
					continue;
				}
				Migration m = files.get(row.version());
				if (m == null) {
					throw new MigrationException("Cannot roll back migration " + row.version() + " (" + row.description()
							+ "): no file has this version in " + String.join(", ", migrator.locations())
							+ "; restore its files first");
				}
				dialect.keepSession(c);
				MigrateResult.Applied done = revert(c, dialect, history, m);
				if (done != null) {
					reverted.add(done);
				}
			}
			// Every successful row above the target is reverted now (or was, by another process): no second read.
			return rows.stream().filter(AppliedMigration::success).map(AppliedMigration::version)
					.filter(v -> v <= targetVersion).max(Long::compare).orElse(null);
		});
		log.info("Rolled back {} migration(s) in {} ms; schema now at version {}", reverted.size(),
				Duration.ofNanos(System.nanoTime() - start).toMillis(), current);
		return new MigrateResult(List.copyOf(reverted), current, Duration.ofNanos(System.nanoTime() - start));
	}

	private static MigrateResult.Applied revert(Connection c, Dialect dialect, History history, Migration m)
			throws SQLException {
		long start = System.nanoTime();
		boolean ownsLock = dialect.begin(c, m.down());
		try {
			if (ownsLock && !history.isApplied(c, m.version())) {
				dialect.rollback(c);
				return null;
			}
			Migrator.run(c, dialect, m, m.down(), true);
			history.delete(c, m.version());
			dialect.commit(c);
		}
		catch (Throwable e) {
			// An Error too: never leave the transaction open.
			Migrator.rollbackQuietly(c, dialect, e);
			throw e;
		}
		finally {
			dialect.afterMigration(c);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		log.info("Rolled back migration {} ({}) in {} ms", m.version(), m.description(), took.toMillis());
		return new MigrateResult.Applied(m.version(), m.description(), took);
	}
}
