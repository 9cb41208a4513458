package dev.replaysafe.internal.source;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The checksum recorded in history for a migration file. */
public final class Checksum {

	private Checksum() {
	}

	/** SHA-384 of the bytes: sqlx's checksum of a migration file. */
	public static byte[] sha384(byte[] bytes) {
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
}
