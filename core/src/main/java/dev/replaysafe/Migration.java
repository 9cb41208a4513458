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
	 * Reads and validates the migration files at the given locations ({@code classpath:} folders,
	 * jars, {@code filesystem:} paths), in version order, without a database: what the audit and
	 * tools outside an application start from.
	 *
	 * @throws MigrationException naming every invalid file at once
	 */
	public static java.util.List<Migration> load(java.util.List<String> locations, ClassLoader classLoader) {
		return MigrationSource.load(locations, classLoader);
	}

	/** The up's checksum: the one recorded in history. */
	public byte[] checksum() {
		return up.checksum();
	}

	/**
	 * Whether the up opts out of the transaction: it starts with {@code -- replaysafe:no-transaction}
	 * or sqlx's {@code -- no-transaction}, read as sqlx reads it (see {@link SqlScript#hasDirective}),
	 * so {@code -- no-transaction (needed for CONCURRENTLY)} counts and {@code --no-transaction} does not.
	 */
	public boolean noTransaction() {
		return SqlScript.hasDirective(up.text(), "no-transaction");
	}

	@Override
	public String toString() {
		return version + " (" + up.fileName() + ")";
	}
}
