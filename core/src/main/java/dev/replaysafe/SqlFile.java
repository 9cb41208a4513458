package dev.replaysafe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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

	public static SqlFile of(String location, String text) {
		return new SqlFile(location, text, sha384(text.getBytes(StandardCharsets.UTF_8)));
	}

	/** The file name without its folder, as users name it. */
	public String fileName() {
		return location.substring(location.lastIndexOf('/') + 1);
	}

	/** The file's statements; the lexer runs only when this is asked for. */
	public SqlScript script() {
		return SqlScript.parse(location, text);
	}

	/**
	 * Whether {@code recorded} is the checksum of this file with only its line ends changed
	 * (git's autocrlf does that on checkout): such a file is the same migration.
	 */
	public boolean sameContentIgnoringLineEnds(byte[] recorded) {
		String lf = text.replace("\r\n", "\n");
		return MessageDigest.isEqual(recorded, sha384(lf.getBytes(StandardCharsets.UTF_8)))
				|| MessageDigest.isEqual(recorded, sha384(lf.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)));
	}

	static byte[] sha384(byte[] bytes) {
		try {
			return ((MessageDigest) Sha384.PROTOTYPE.clone()).digest(bytes);
		}
		catch (CloneNotSupportedException e) {
			return newSha384().digest(bytes);
		}
	}

	/** One provider look-up per JVM, then clones: a look-up per file showed in start-up profiles. */
	private static final class Sha384 {
		static final MessageDigest PROTOTYPE = newSha384();
	}

	private static MessageDigest newSha384() {
		try {
			return MessageDigest.getInstance("SHA-384");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-384", e);
		}
	}

	/** Lower-case hex, the way checksums are shown to users. */
	public static String hex(byte[] bytes) {
		return java.util.HexFormat.of().formatHex(bytes);
	}
}
