package dev.replaysafe;

/**
 * A versioned migration: its up file and its mandatory down file.
 *
 * @param version the leading integer of the file name
 * @param description the rest of the name, {@code _} read as spaces (sqlx's description)
 * @param up the up file ({@code NNNN_name.sql} or {@code NNNN_name.up.sql})
 * @param down the down file ({@code NNNN_name.down.sql})
 */
public record Migration(long version, String description, SqlFile up, SqlFile down) {

	/** The up's checksum: the one recorded in history. */
	public byte[] checksum() {
		return up.checksum();
	}

	/**
	 * Whether the up opts out of the transaction with {@code -- replaysafe:no-transaction} on its
	 * first line (sqlx's {@code -- no-transaction} is accepted too).
	 */
	public boolean noTransaction() {
		String first = up.text().lines().findFirst().orElse("").strip().replace("\uFEFF", "");
		return first.equalsIgnoreCase("-- replaysafe:no-transaction") || first.equalsIgnoreCase("-- no-transaction");
	}

	@Override
	public String toString() {
		return version + " (" + up.fileName() + ")";
	}
}
