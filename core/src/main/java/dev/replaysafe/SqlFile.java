package dev.replaysafe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import dev.replaysafe.internal.source.Checksum;

/**
 * One migration file as read: its location, its text and the checksum of its bytes.
 *
 * <p>The checksum is SHA-384 of the file's exact bytes, as sqlx computes it, so that history
 * written by either tool is recognised by the other. A UTF-8 byte order mark and CRLF line ends
 * are part of the bytes and so of the checksum; see {@link #sameContentIgnoringLineEnds}.
 *
 * @param location where it was found, as shown in messages ({@code db/migrations/0001_x.sql})
 * @param text the decoded UTF-8 text
 * @param checksum SHA-384 of the bytes
 */
public record SqlFile(String location, String text, byte[] checksum) {

	/**
	 * A file made from text rather than read, for tests and tools that build migrations in memory.
	 *
	 * @param location the location messages name it by ({@code db/migrations/0001_init.sql})
	 * @param text the SQL
	 * @return the file, its checksum taken over the text's UTF-8 bytes (no byte order mark)
	 */
	public static SqlFile of(String location, String text) {
		return new SqlFile(location, text, Checksum.sha384(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** {@return the file name without its folder ({@code 0001_init.sql}), as users name it} */
	public String fileName() {
		return location.substring(location.lastIndexOf('/') + 1);
	}

	/**
	 * Whether {@code recorded} is the checksum of this file with only its line ends changed
	 * (git's autocrlf does that on checkout): such a file is the same migration.
	 *
	 * @param recorded a checksum from the history
	 * @return true when this file's text with LF line ends, or with CRLF line ends, has that checksum
	 */
	public boolean sameContentIgnoringLineEnds(byte[] recorded) {
		String lf = text.replace("\r\n", "\n");
		return MessageDigest.isEqual(recorded, Checksum.sha384(lf.getBytes(StandardCharsets.UTF_8)))
				|| MessageDigest.isEqual(recorded, Checksum.sha384(lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Lower-case hex, the way checksums are shown to users (and in {@link MigrationStatus#checksum()}).
	 *
	 * @param bytes a checksum
	 * @return two hex digits per byte, 96 for a SHA-384
	 */
	public static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}
}
