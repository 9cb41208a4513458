package dev.replaysafe;

import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.internal.sql.SqlScript;

/**
 * A versioned migration: its up file and its mandatory down file.
 *
 * @param version the leading integer of the file name
 * @param description the rest of the name, {@code _} read as spaces (sqlx's description)
 * @param up the up file ({@code NNNN_name.sql} or {@code NNNN_name.up.sql})
 * @param down the down file ({@code NNNN_name.down.sql})
 */
public record Migration(long version, String description, SqlFile up, SqlFile down) {

	/**
	 * Reads and validates the migration files at the given locations without a database: what the
	 * audit and tools outside an application start from.
	 *
	 * @param locations where to look: {@code classpath:db/migrations} (folders and jars), {@code filesystem:/path},
	 *     or a bare path read as a classpath location; only {@code *.sql} files directly in each folder count
	 * @param classLoader the loader {@code classpath:} locations are resolved with
	 * @return the migrations of every location, in version order
	 * @throws MigrationException of kind {@link MigrationException.Kind#INVALID_FILES}, listing every
	 *     problem at once (a location that does not exist, a bad name, a missing down, a version used twice,
	 *     a file that is not UTF-8)
	 */
	public static java.util.List<Migration> load(java.util.List<String> locations, ClassLoader classLoader) {
		return MigrationSource.load(locations, classLoader);
	}

	/** {@return the up file's SHA-384 checksum} It is the one the history records (the down's is not recorded). */
	public byte[] checksum() {
		return up.checksum();
	}

	/**
	 * Whether the up opts out of the transaction: it starts with {@code -- replaysafe:no-transaction}
	 * or sqlx's {@code -- no-transaction}, read as sqlx reads it, so
	 * {@code -- no-transaction (needed for CONCURRENTLY)} counts and {@code --no-transaction} does not.
	 *
	 * @return true when the up runs statement by statement without a transaction (SQLite ignores the
	 *     directive: there every file runs in a transaction)
	 */
	public boolean noTransaction() {
		return SqlScript.hasDirective(up.text(), "no-transaction");
	}

	@Override
	public String toString() {
		return version + " (" + up.fileName() + ")";
	}
}
