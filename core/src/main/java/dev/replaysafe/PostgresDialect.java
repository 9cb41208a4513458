package dev.replaysafe;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: a session-scoped advisory lock serialises the run (released by the server if the
 * holder dies), with sqlx's lock id so that sqlx and replaysafe exclude each other too.
 */
final class PostgresDialect extends Dialect {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	private static final Pattern POSITION = Pattern.compile("Position: (\\d+)");

	/** A dialect serves one connection (Dialect.of): the lock id is cached for it. */
	private Long key;

	/** Whether this connection waited for another instance (then taking the lock is logged). */
	private boolean waited;

	@Override
	String historyTableDdl(String table) {
		return "CREATE TABLE IF NOT EXISTS " + table + " (\n"
				+ "    version BIGINT PRIMARY KEY,\n"
				+ "    description TEXT NOT NULL,\n"
				+ "    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
				+ "    success BOOLEAN NOT NULL,\n"
				+ "    checksum BYTEA NOT NULL,\n"
				+ "    execution_time BIGINT NOT NULL\n"
				+ ")";
	}

	@Override
	String historyFingerprintQuery(String table) {
		// A sum of row hashes over the first 8 bytes of each checksum (a changed SHA-384 differs there too):
		// independent of row order, and a fraction of the cost of an md5 over the ordered rows.
		return "SELECT count(*), coalesce(sum(hashtext(version || ':' || success || ':' "
				+ "|| encode(substr(checksum, 1, 8), 'hex'))), 0) FROM " + table;
	}

	@Override
	boolean tableExists(Connection c, String table) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
			s.setString(1, table);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	@Override
	RunLock lock(Connection c, Duration timeout) throws SQLException {
		long key = key(c);
		if (!query(c, "SELECT pg_try_advisory_lock(" + key + ")")) {
			await(c, timeout, key, "pg_advisory_lock(" + key + ")");
			log.info("Acquired the migration lock");
		}
		return unlocker(c, key);
	}

	@Override
	RunLock tryLock(Connection c, Duration timeout) throws SQLException {
		long key = key(c);
		if (!query(c, "SELECT pg_try_advisory_lock(" + key + ")")) {
			return null;
		}
		if (waited) {
			log.info("Acquired the migration lock");
		}
		return unlocker(c, key);
	}

	private static RunLock unlocker(Connection c, long key) {
		return () -> {
			try (Statement s = c.createStatement()) {
				s.execute("SELECT pg_advisory_unlock(" + key + ")");
			}
		};
	}

	/**
	 * Waits for the holder of the run lock through its shared mode, released at once: instances
	 * that start together then read the history side by side instead of one after another.
	 */
	@Override
	boolean awaitUnlocked(Connection c, Duration timeout) throws SQLException {
		long key = key(c);
		if (!query(c, "SELECT CASE WHEN pg_try_advisory_lock_shared(" + key + ") THEN pg_advisory_unlock_shared(" + key
				+ ") ELSE false END")) {
			await(c, timeout, key, "pg_advisory_lock_shared(" + key + ")");
			log.info("The other instance released the migration lock; reading the history");
			waited = true;
			query(c, "SELECT pg_advisory_unlock_shared(" + key + ")");
		}
		return true;
	}

	/** Blocks in {@code call} (an advisory lock function) for at most {@code timeout}. */
	private void await(Connection c, Duration timeout, long key, String call) throws SQLException {
		log.info("Waiting up to {} for the migration lock (advisory lock {}) held by another instance",
				describe(timeout), key);
		try (Statement s = c.createStatement()) {
			s.execute("SET lock_timeout = " + Math.max(1, timeout.toMillis()));
			s.execute("SELECT " + call);
		}
		catch (SQLException e) {
			MigrationException timedOut = lockTimeout(e, timeout);
			if (timedOut != null) {
				throw timedOut;
			}
			throw e;
		}
		finally {
			try (Statement s = c.createStatement()) {
				s.execute("RESET lock_timeout");
			}
		}
	}

	/** The lock id of the connection's database (read once per connection). */
	private long key(Connection c) throws SQLException {
		if (key == null) {
			key = lockId(currentDatabase(c));
		}
		return key;
	}

	@Override
	boolean begin(Connection c) throws SQLException {
		c.setAutoCommit(false);
		return false;
	}

	@Override
	int errorLine(SQLException e, SqlStatement statement) {
		Matcher m = POSITION.matcher(String.valueOf(e.getMessage()));
		if (!m.find()) {
			return statement.line();
		}
		String sql = statement.sql();
		int upTo = offsetOfCharacter(sql, Long.parseLong(m.group(1)) - 1);
		return statement.line() + (int) sql.substring(0, upTo).chars().filter(ch -> ch == '\n').count();
	}

	/**
	 * Where the {@code characters}-th character (counted from 0) of {@code sql} starts, or the end: the
	 * server's position counts characters, a Java string UTF-16 units (two for an emoji).
	 */
	static int offsetOfCharacter(String sql, long characters) {
		int offset = 0;
		for (long k = 0; k < characters && offset < sql.length(); k++) {
			offset += Character.charCount(sql.codePointAt(offset));
		}
		return offset;
	}

	@Override
	MigrationException lockTimeout(SQLException e, Duration timeout) {
		if (!"55P03".equals(e.getSQLState())) {
			return null;
		}
		return new MigrationException("Timed out after " + describe(timeout) + " waiting for the PostgreSQL migration "
				+ "lock held by another instance; " + LOCK_TIMEOUT_FIX + " (SELECT pid FROM pg_locks WHERE "
				+ "locktype = 'advisory' shows it)", e);
	}

	private static String currentDatabase(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_database()")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static boolean query(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			return rs.next() && rs.getBoolean(1);
		}
	}

	/** sqlx's lock id: 0x3d32ad9e times the CRC-32 of the database name. */
	static long lockId(String databaseName) {
		CRC32 crc = new CRC32();
		crc.update(databaseName.getBytes(StandardCharsets.UTF_8));
		return 0x3d32ad9eL * crc.getValue();
	}
}
