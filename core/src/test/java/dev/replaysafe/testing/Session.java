package dev.replaysafe.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

/**
 * Everything a test can read of a connection's session, independently of the engine's own list:
 * PostgreSQL's pg_settings (every row), role and session authorization; SQLite's connection
 * PRAGMAs; JDBC's auto-commit, isolation and read-only flag.
 */
public final class Session {

	private static final List<String> SQLITE_PRAGMAS = List.of("foreign_keys", "busy_timeout", "recursive_triggers",
			"defer_foreign_keys", "legacy_alter_table", "ignore_check_constraints", "query_only",
			"reverse_unordered_selects", "trusted_schema", "cell_size_check", "automatic_index", "cache_size",
			"temp_store", "synchronous", "secure_delete", "writable_schema", "read_uncommitted", "cache_spill",
			"mmap_size", "threads", "locking_mode", "wal_autocheckpoint", "analysis_limit", "journal_mode",
			"journal_size_limit", "max_page_count", "full_column_names", "short_column_names", "count_changes");

	private Session() {
	}

	/** The session of the connection {@code pool} hands out next. */
	public static Map<String, String> of(DataSource pool, TestDatabase kind) {
		try (Connection c = pool.getConnection()) {
			return of(c, kind);
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	public static Map<String, String> of(Connection c, TestDatabase kind) throws SQLException {
		Map<String, String> state = new TreeMap<>();
		state.put("jdbc autoCommit", String.valueOf(c.getAutoCommit()));
		state.put("jdbc isolation", String.valueOf(c.getTransactionIsolation()));
		state.put("jdbc readOnly", String.valueOf(c.isReadOnly()));
		try (Statement s = c.createStatement()) {
			if (kind == TestDatabase.POSTGRES) {
				try (ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings UNION ALL "
						+ "SELECT 'role', current_setting('role') UNION ALL "
						+ "SELECT 'session_authorization', current_setting('session_authorization') UNION ALL "
						+ "SELECT 'current_user', current_user::text")) {
					while (rs.next()) {
						state.put(rs.getString(1), rs.getString(2));
					}
				}
			}
			else {
				for (String pragma : SQLITE_PRAGMAS) {
					try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
						state.put(pragma, rs.next() ? rs.getString(1) : null);
					}
				}
			}
		}
		return state;
	}
}
