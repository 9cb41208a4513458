package dev.replaysafe.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * A connection's session as it was before the first migration file ran on it: the dialect's
 * settings (PostgreSQL's session authorization, role and every GUC a session can set; SQLite's
 * connection PRAGMAs) and JDBC's isolation and read-only flag. A file may change any of them
 * ({@code SET ROLE}, {@code SET search_path}, {@code PRAGMA foreign_keys}); {@link #restore} puts
 * back what changed, so that the application's next user of a pooled connection does not notice.
 * Captured only when a file runs: a start with nothing pending pays nothing.
 */
final class SessionState {

	private final Map<String, String> settings;
	private final int isolation;
	private final boolean readOnly;

	private SessionState(Map<String, String> settings, int isolation, boolean readOnly) {
		this.settings = settings;
		this.isolation = isolation;
		this.readOnly = readOnly;
	}

	static SessionState capture(Connection c, Dialect dialect) throws SQLException {
		return new SessionState(dialect.readSettings(c), c.getTransactionIsolation(), c.isReadOnly());
	}

	/** Puts back what differs; called outside any transaction, while the run still holds its lock. */
	void restore(Connection c, Dialect dialect) throws SQLException {
		dialect.restoreSettings(c, settings);
		if (c.getTransactionIsolation() != isolation) {
			c.setTransactionIsolation(isolation);
		}
		if (c.isReadOnly() != readOnly) {
			c.setReadOnly(readOnly);
		}
	}
}
