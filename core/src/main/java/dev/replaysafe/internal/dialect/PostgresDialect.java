package dev.replaysafe.internal.dialect;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.sql.SqlStatement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL: a session-scoped advisory lock serialises the run (released by the server if the
 * holder dies), with sqlx's lock id so that sqlx and replaysafe exclude each other too.
 */
public final class PostgresDialect extends Dialect {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	private static final Pattern POSITION = Pattern.compile("Position: (\\d+)");

	/** A dialect serves one connection (Dialect.of): the lock id is cached for it. */
	private Long key;

	/** Whether this connection waited for another instance (then taking the lock is logged). */
	private boolean waited;

	@Override
	public String historyTableDdl(String table) {
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
	public String historyFingerprintQuery(String table) {
		// A sum of row hashes over the first 8 bytes of each checksum (a changed SHA-384 differs there too):
		// independent of row order, and a fraction of the cost of an md5 over the ordered rows.
		return "SELECT count(*), coalesce(sum(hashtext(version || ':' || success || ':' "
				+ "|| encode(substr(checksum, 1, 8), 'hex'))), 0) FROM " + table;
	}

	/** Whether the server counts row changes (track_counts, on by default), read once per connection. */
	private Boolean tracksCounts;

	/**
	 * The transaction's own row counters of the table ({@code pg_stat_get_xact_tuples_*}: every insert,
	 * update and delete, by triggers and dynamic SQL too), its file node (a TRUNCATE gives it a new
	 * one, unless the table was created in this transaction, where the counters drop back to zero
	 * instead) and its oid (dropped and created again). Each a catalog look-up, whatever the rows.
	 * None when track_counts is off: the counters then stay still.
	 */
	@Override
	public String historyChangesQuery(Connection c, String table) throws SQLException {
		if (tracksCounts == null) {
			tracksCounts = query(c, "SELECT current_setting('track_counts')::boolean");
		}
		// The table's name is validated as [A-Za-z0-9_] and quoted: nothing to escape in the literal.
		return !tracksCounts ? null : "SELECT pg_stat_get_xact_tuples_inserted(o) || ':' || pg_stat_get_xact_tuples_updated(o) "
				+ "|| ':' || pg_stat_get_xact_tuples_deleted(o) || ':' || pg_relation_filenode(o) || ':' || o::oid "
				+ "FROM (SELECT to_regclass('" + table + "') AS o) AS history";
	}

	/**
	 * The transaction's id once it has one: PostgreSQL gives a transaction an id at its first write
	 * to a table or the catalog (each row and catalog entry carries it), not before.
	 * {@code pg_current_xact_id_if_assigned()} exists from PostgreSQL 13 on; before, the
	 * {@code txid_} form it deprecates.
	 */
	@Override
	String changeMarkQuery(Connection c) throws SQLException {
		return c.getMetaData().getDatabaseMajorVersion() >= 13 ? "SELECT coalesce(pg_current_xact_id_if_assigned()::text, '')"
				: "SELECT coalesce(txid_current_if_assigned()::text, '')";
	}

	@Override
	public boolean tableExists(Connection c, String schema, String name) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) "
				+ "IS NOT NULL")) {
			s.setString(1, schema);
			s.setString(2, name);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	/** Through the search_path, as the unquoted name sqlx and earlier versions use resolves. */
	@Override
	public String findTable(Connection c, String name) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT n.nspname FROM pg_class k JOIN pg_namespace n "
				+ "ON n.oid = k.relnamespace WHERE k.oid = to_regclass(quote_ident(?))")) {
			s.setString(1, name);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	@Override
	public String defaultSchema(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
			String schema = rs.next() ? rs.getString(1) : null;
			if (schema == null) {
				throw new MigrationException("No schema of the connection's search_path exists, so there is nowhere "
						+ "to create the history table: fix the search_path, or name the schema in the table "
						+ "(replaysafe.table=schema.name)");
			}
			return schema;
		}
	}

	@Override
	public RunLock lock(Connection c, Duration timeout) throws SQLException {
		long key = key(c);
		if (!query(c, "SELECT pg_try_advisory_lock(" + key + ")")) {
			await(c, timeout, key, "pg_advisory_lock(" + key + ")");
			log.info("Acquired the migration lock");
		}
		return unlocker(c, key);
	}

	@Override
	public RunLock tryLock(Connection c, Duration timeout) throws SQLException {
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
	public boolean awaitUnlocked(Connection c, Duration timeout) throws SQLException {
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
		// The connection's own lock_timeout (a pool's connectionInitSql may set one) is put back after the wait.
		String previous = setting(c, "lock_timeout");
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
			setConfig(c, "lock_timeout", previous);
		}
	}

	/**
	 * Every setting a session can change ({@code SET}, {@code RESET ALL}, {@code SET SESSION
	 * CHARACTERISTICS}), with the session authorization and role, which pg_settings does not show.
	 * The transaction_* ones follow their default_transaction_* settings outside a transaction.
	 */
	@Override
	Map<String, String> readSettings(Connection c) throws SQLException {
		Map<String, String> settings = new HashMap<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings "
				+ "WHERE " + SESSION_SETTINGS + " UNION ALL SELECT '" + AUTHORIZATION + "', current_setting('"
				+ AUTHORIZATION + "') UNION ALL SELECT 'role', current_setting('role')")) {
			while (rs.next()) {
				settings.put(rs.getString(1), rs.getString(2));
			}
		}
		return settings;
	}

	private static final String SESSION_SETTINGS = "context IN ('user', 'superuser') "
			+ "AND name NOT IN ('transaction_isolation', 'transaction_read_only', 'transaction_deferrable')";

	private static final String AUTHORIZATION = "session_authorization";

	/**
	 * The authorization first, then the role (setting the authorization resets it), then, with the
	 * privileges the session had, in one statement every setting that differs; a setting that
	 * appeared during the run (a custom {@code SET app.x}, an extension's) goes back to its reset value.
	 */
	@Override
	void restoreSettings(Connection c, Map<String, String> before) throws SQLException {
		String authorization = setting(c, AUTHORIZATION);
		if (!authorization.equals(before.get(AUTHORIZATION))) {
			setConfig(c, AUTHORIZATION, before.get(AUTHORIZATION));
			setConfig(c, "role", before.get("role"));
		}
		else if (!setting(c, "role").equals(before.get("role"))) {
			setConfig(c, "role", before.get("role"));
		}
		Map<String, String> settings = new HashMap<>(before);
		settings.remove(AUTHORIZATION);
		settings.remove("role");
		try (PreparedStatement s = c.prepareStatement("SELECT count(set_config(s.name, coalesce(b.setting, "
				+ "s.reset_val), false)) FROM pg_settings s LEFT JOIN unnest(?::text[], ?::text[]) AS b(name, setting) "
				+ "USING (name) WHERE " + SESSION_SETTINGS + " AND s.setting IS DISTINCT FROM coalesce(b.setting, s.reset_val)")) {
			s.setArray(1, c.createArrayOf("text", settings.keySet().toArray()));
			s.setArray(2, c.createArrayOf("text", settings.values().toArray()));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
			}
		}
	}

	private static String setting(Connection c, String name) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT current_setting(?)")) {
			s.setString(1, name);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	private static void setConfig(Connection c, String name, String value) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT set_config(?, ?, false)")) {
			s.setString(1, name);
			s.setString(2, value);
			s.executeQuery().close();
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
	public boolean begin(Connection c) throws SQLException {
		c.setAutoCommit(false);
		return false;
	}

	/** What lasts until the end of the transaction: in a group it would reach the files after this one. */
	private static final Pattern TRANSACTION_SCOPED = Pattern.compile("\\b(?:SET\\s+LOCAL|SET\\s+CONSTRAINTS|set_config)\\b",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Neither a no-transaction file nor one that sets something for its transaction only ({@code SET LOCAL},
	 * {@code SET CONSTRAINTS}, {@code set_config(..., true)}; found in the text, comments included): on its own,
	 * that ends with the file, as it does when each migration has its transaction.
	 */
	@Override
	public boolean groupable(Connection c, Migration m) throws SQLException {
		return super.groupable(c, m) && !TRANSACTION_SCOPED.matcher(m.up().text()).find();
	}

	/**
	 * Half of the server's lock table as the documentation sizes it: {@code max_locks_per_transaction}
	 * objects per connection or prepared transaction, shared by all sessions. A transaction holds the
	 * lock of every relation it creates or changes until it ends, and one that fills the table makes
	 * every session's next lock fail ("out of shared memory"), so a group keeps to half of it.
	 */
	@Override
	public long lockBudget(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting("
				+ "'max_locks_per_transaction')::bigint * (current_setting('max_connections')::bigint "
				+ "+ current_setting('max_prepared_transactions')::bigint) / 2")) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** A statement that creates or changes a relation, or one that reads or writes rows of one. */
	private static final Pattern LOCKING = Pattern.compile("\\b(?:(CREATE\\s+(?:UNIQUE\\s+)?INDEX)|(CREATE|ALTER|DROP"
			+ "|TRUNCATE)|(PRIMARY\\s+KEY|UNIQUE|REFERENCES|INSERT|UPDATE|DELETE|FROM|JOIN))\\b", Pattern.CASE_INSENSITIVE);

	/**
	 * Counted from the words of the text, comments included, so it errs high: an index takes its own
	 * lock and a share lock on its table; any other CREATE, ALTER, DROP or TRUNCATE three (the relation,
	 * its TOAST table and that table's index); a key, a reference or a statement reading or writing rows
	 * one; and one for the history row. Measured in one transaction of 20 migrations that each create a table
	 * with a key and an index and seed it: about 5 locks a migration, estimated 8.
	 */
	@Override
	public long lockEstimate(SqlFile file) {
		long locks = 1;
		Matcher m = LOCKING.matcher(file.text());
		while (m.find()) {
			locks += m.group(1) != null ? 2 : m.group(2) != null ? 3 : 1;
		}
		return locks;
	}

	/** SQLSTATE 53200: out of shared memory, which PostgreSQL reports when its lock table is full. */
	@Override
	public boolean outOfLocks(SQLException e) {
		return "53200".equals(e.getSQLState());
	}

	@Override
	public int errorLine(SQLException e, SqlStatement statement) {
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
	public static int offsetOfCharacter(String sql, long characters) {
		return sql.offsetByCodePoints(0, (int) Math.max(0, Math.min(characters, sql.codePointCount(0, sql.length()))));
	}

	@Override
	public MigrationException lockTimeout(SQLException e, Duration timeout) {
		if (!"55P03".equals(e.getSQLState())) {
			return null;
		}
		return new MigrationException(MigrationException.Kind.LOCK_TIMEOUT, "Timed out after " + describe(timeout) + " waiting for the PostgreSQL migration "
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
	public static long lockId(String databaseName) {
		CRC32 crc = new CRC32();
		crc.update(databaseName.getBytes(StandardCharsets.UTF_8));
		return 0x3d32ad9eL * crc.getValue();
	}
}
