package dev.replaysafe;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite: each migration's transaction is opened with {@code BEGIN IMMEDIATE}, which takes the
 * database's write lock (waiting up to the busy timeout), and the history is re-read inside it;
 * so processes sharing a file apply each migration once, and a killed process leaves no lock
 * behind (SQLite's journal rolls its transaction back).
 *
 * <p>SQLite has no {@code ADD COLUMN IF NOT EXISTS} nor {@code DROP COLUMN IF EXISTS}: such a
 * statement runs without its guard when the column is absent (present), and is skipped
 * otherwise, so one portable file is replay-safe on both databases.
 */
final class SqliteDialect extends Dialect {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	/** The run's lock timeout, which {@link #lock} makes the busy timeout; {@link #begin} logs a wait with it. */
	private Duration timeout = Duration.ZERO;

	@Override
	String historyTableDdl(String table) {
		return "CREATE TABLE IF NOT EXISTS " + table + " (\n"
				+ "    version BIGINT PRIMARY KEY,\n"
				+ "    description TEXT NOT NULL,\n"
				+ "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
				+ "    success BOOLEAN NOT NULL,\n"
				+ "    checksum BLOB NOT NULL,\n"
				+ "    execution_time BIGINT NOT NULL\n"
				+ ")";
	}

	@Override
	boolean tableExists(Connection c, String schema, String name) throws SQLException {
		// Names are case-insensitive in SQLite: a table created as MyHistory is the history "myhistory".
		try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM \"" + schema
				+ "\".sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE")) {
			s.setString(1, name);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next();
			}
		}
	}

	@Override
	String findTable(Connection c, String name) throws SQLException {
		return tableExists(c, "main", name) ? "main" : null;
	}

	@Override
	String defaultSchema(Connection c) {
		return "main";
	}

	@Override
	RunLock lock(Connection c, Duration timeout) throws SQLException {
		long previous;
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA busy_timeout")) {
			previous = rs.next() ? rs.getLong(1) : 0;
		}
		this.timeout = timeout;
		busyTimeout(c, timeout.toMillis());
		return () -> busyTimeout(c, previous);
	}

	private static void busyTimeout(Connection c, long millis) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute("PRAGMA busy_timeout = " + millis);
		}
	}

	/**
	 * The connection's PRAGMAs a migration may change, each readable and settable back. Left out:
	 * journal_mode (WAL is a property of the file, which a migration may mean to change), the
	 * process-wide heap limits, and what belongs to the database file (encoding, page_size,
	 * auto_vacuum, user_version, application_id).
	 */
	private static final List<String> PRAGMAS = List.of("foreign_keys", "busy_timeout", "recursive_triggers",
			"defer_foreign_keys", "legacy_alter_table", "ignore_check_constraints", "query_only",
			"reverse_unordered_selects", "trusted_schema", "cell_size_check", "automatic_index", "cache_size",
			"temp_store", "synchronous", "secure_delete", "writable_schema", "read_uncommitted", "cache_spill",
			"mmap_size", "threads", "locking_mode", "wal_autocheckpoint", "analysis_limit", "count_changes",
			"full_column_names", "short_column_names", "empty_result_callbacks", "checkpoint_fullfsync", "fullfsync",
			"journal_size_limit", "max_page_count");

	/** Settable but not readable: nothing could tell what to put back. */
	private static final List<String> WRITE_ONLY_PRAGMAS = List.of("case_sensitive_like", "temp_store_directory",
			"data_store_directory");

	@Override
	Map<String, String> readSettings(Connection c) throws SQLException {
		Map<String, String> settings = new LinkedHashMap<>();
		try (Statement s = c.createStatement()) {
			for (String pragma : PRAGMAS) {
				try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
					settings.put(pragma, rs.next() ? rs.getString(1) : null);
				}
			}
		}
		return settings;
	}

	@Override
	void restoreSettings(Connection c, Map<String, String> before) throws SQLException {
		Map<String, String> now = readSettings(c);
		try (Statement s = c.createStatement()) {
			for (Map.Entry<String, String> e : before.entrySet()) {
				if (e.getValue() != null && !e.getValue().equals(now.get(e.getKey()))) {
					s.execute("PRAGMA " + e.getKey() + " = " + e.getValue());
				}
			}
		}
	}

	@Override
	String unrestorable(SqlStatement st) {
		if (!st.matches(0, "PRAGMA") || st.token(1) == null) {
			return null;
		}
		boolean qualified = st.token(2) != null && st.token(2).text().equals(".") && st.token(3) != null;
		String pragma = st.token(qualified ? 3 : 1).identifier();
		if (!WRITE_ONLY_PRAGMAS.contains(pragma)) {
			return null;
		}
		return "PRAGMA " + pragma + " cannot be read back, so replaysafe could not give the connection back as it "
				+ "found it (a pool would hand the changed connection to the application): "
				+ (pragma.equals("case_sensitive_like") ? "use GLOB, or LIKE on lower() of both sides, instead"
						: "it is deprecated and process-wide: set it where the application opens its connections");
	}

	/**
	 * No: SQLite's only cross-process lock is a migration's own transaction, and SQLite has nothing
	 * that must run outside one (no {@code CONCURRENTLY}). Run outside it, a file could be applied by
	 * two processes at once, and the second history row would fail the start; inside it, processes
	 * sharing the database still apply it exactly once, and a failure leaves nothing of it.
	 */
	@Override
	boolean honoursNoTransaction() {
		return false;
	}

	@Override
	boolean begin(Connection c) throws SQLException {
		// A first try without waiting tells whether another process holds the lock, so that the wait is logged.
		busyTimeout(c, 0);
		try (Statement s = c.createStatement()) {
			s.execute("BEGIN IMMEDIATE");
			return true;
		}
		catch (SQLException e) {
			if (lockTimeout(e, timeout) == null) {
				throw e;
			}
		}
		finally {
			busyTimeout(c, timeout.toMillis());
		}
		log.info("Waiting up to {} for the SQLite write lock held by another connection or process", describe(timeout));
		try (Statement s = c.createStatement()) {
			s.execute("BEGIN IMMEDIATE");
		}
		log.info("Acquired the SQLite write lock");
		return true;
	}

	@Override
	void commit(Connection c) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute("COMMIT");
		}
	}

	@Override
	void rollback(Connection c) throws SQLException {
		if (!c.getAutoCommit()) {
			c.rollback();
			return;
		}
		try (Statement s = c.createStatement()) {
			s.execute("ROLLBACK");
		}
		catch (SQLException e) {
			// No transaction left to roll back: SQLite already ended it on the error.
			if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
				throw e;
			}
		}
	}

	@Override
	void execute(Connection c, SqlStatement st) throws SQLException {
		ColumnGuard guard = ColumnGuard.of(st);
		if (guard == null) {
			super.execute(c, st);
			return;
		}
		if (columnExists(c, guard) == guard.add) {
			log.debug("{}:{}: column {}.{} {}, statement skipped", st.line(), guard.table, guard.column,
					guard.add ? "exists" : "does not exist");
			return;
		}
		String sql = st.sql().substring(0, guard.guardStart - st.offset()) + st.sql().substring(guard.guardEnd - st.offset());
		try (Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	private static boolean columnExists(Connection c, ColumnGuard guard) throws SQLException {
		try (PreparedStatement s = c.prepareStatement(
				"SELECT 1 FROM pragma_table_info(?, ?) WHERE lower(name) = lower(?)")) {
			s.setString(1, guard.table);
			s.setString(2, guard.schema);
			s.setString(3, guard.column);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next();
			}
		}
	}

	@Override
	MigrationException lockTimeout(SQLException e, Duration timeout) {
		String message = String.valueOf(e.getMessage());
		if (e.getErrorCode() != 5 && !message.contains("SQLITE_BUSY") && !message.contains("database is locked")) {
			return null;
		}
		return new MigrationException("Timed out after " + describe(timeout) + " waiting for the SQLite write lock "
				+ "held by another connection or process; " + LOCK_TIMEOUT_FIX, e);
	}

	/**
	 * {@code ALTER TABLE [schema.]t ADD [COLUMN] IF NOT EXISTS c ...} or
	 * {@code ALTER TABLE [schema.]t DROP [COLUMN] IF EXISTS c}: where the guard is, and what it guards.
	 */
	record ColumnGuard(boolean add, String schema, String table, String column, int guardStart, int guardEnd) {

		static ColumnGuard of(SqlStatement st) {
			if (!st.matches(0, "ALTER", "TABLE") || st.token(2) == null) {
				return null;
			}
			int i = 2;
			String schema = "main";
			String table = st.token(i).identifier();
			if (st.token(i + 1) != null && st.token(i + 1).text().equals(".") && st.token(i + 2) != null) {
				schema = table;
				table = st.token(i + 2).identifier();
				i += 2;
			}
			i++;
			boolean add = st.matches(i, "ADD");
			if (!add && !st.matches(i, "DROP")) {
				return null;
			}
			i += st.matches(i + 1, "COLUMN") ? 2 : 1;
			String[] guard = add ? new String[] {"IF", "NOT", "EXISTS"} : new String[] {"IF", "EXISTS"};
			if (!st.matches(i, guard) || st.token(i + guard.length) == null) {
				return null;
			}
			SqlToken first = st.token(i);
			SqlToken column = st.token(i + guard.length);
			return new ColumnGuard(add, schema, table, column.identifier(), first.offset(), column.offset());
		}
	}
}
