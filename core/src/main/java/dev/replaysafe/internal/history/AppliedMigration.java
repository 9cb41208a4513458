package dev.replaysafe.internal.history;

import java.time.Instant;

/**
 * A row of the history table ({@code _sqlx_migrations} layout).
 *
 * @param version the migration's version
 * @param description its description
 * @param installedOn when it was applied; null when the stored value cannot be read as a time
 * @param success false for a migration another tool left half applied
 * @param checksum SHA-384 of the up file as applied
 * @param executionTimeNanos how long it took, in nanoseconds as sqlx stores it (-1 while sqlx runs it)
 */
public record AppliedMigration(long version, String description, Instant installedOn, boolean success,
		byte[] checksum, long executionTimeNanos) {
}
