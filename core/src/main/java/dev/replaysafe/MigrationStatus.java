package dev.replaysafe;

import java.time.Instant;

/**
 * Where one migration stands: a file, a history row, or both.
 *
 * @param version the version
 * @param description from the file, or from the history row when the file is missing
 * @param state see {@link State}
 * @param checksum hex SHA-384 of the file (of the row when the file is missing)
 * @param installedOn when it was applied, null if not
 * @param executionTimeMs how long it took, null if not applied
 * @param hasDown whether a down file exists for it
 * @param script where the up file is ({@code db/migrations/0001_init.sql}), null when no file has the version
 */
public record MigrationStatus(long version, String description, State state, String checksum, Instant installedOn,
		Long executionTimeMs, boolean hasDown, String script) {

	/** How a migration's file and its history row compare. */
	public enum State {
		/** Applied, and the file is unchanged. */
		APPLIED,
		/** A file not applied yet. */
		PENDING,
		/** A history row marked {@code success = false} (left by another tool); the next run re-applies it. */
		FAILED,
		/** Applied, but the file has changed since. */
		CHECKSUM_MISMATCH,
		/** Applied, but no file has this version any more, and files with higher versions exist. */
		MISSING_FILE,
		/**
		 * Applied above every version this build has files for: a newer build migrated the database
		 * (a rolling deploy, or a release rolled back). Tolerated unless {@code ignoreFuture(false)}.
		 */
		FUTURE,
		/**
		 * Recorded as applied without being run, by a baseline ({@code replaysafe.baseline-version}): the
		 * database was built by another tool. Its row has {@code execution_time = -1}.
		 */
		BASELINE
	}
}
