package dev.replaysafe;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

/**
 * What differs between SQLite and PostgreSQL: the history DDL, how a run is serialised against
 * other processes, transactions, catalog look-ups, and SQLite's emulation of the column guards
 * it lacks. Chosen from the driver's product name.
 */
abstract sealed class Dialect permits SqliteDialect, PostgresDialect {

	static Dialect of(Connection c) throws SQLException {
		String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		if (product.contains("sqlite")) {
			return new SqliteDialect();
		}
		if (product.contains("postgres")) {
			return new PostgresDialect();
		}
		throw new MigrationException("replaysafe supports SQLite and PostgreSQL; this DataSource is "
				+ c.getMetaData().getDatabaseProductName());
	}

	abstract String historyTableDdl(String table);

	abstract boolean tableExists(Connection c, String table) throws SQLException;

	/** One row: the history's row count and a digest of every row's version, success and checksum. */
	abstract String historyFingerprintQuery(String table);

	/**
	 * Serialises the whole run against other processes (PostgreSQL), or prepares the connection so
	 * that each migration's own transaction does (SQLite). Waits at most {@code timeout}.
	 */
	abstract RunLock lock(Connection c, Duration timeout) throws SQLException;

	/**
	 * Waits (at most {@code timeout}) while another process holds the run lock, without taking it,
	 * and tells whether the history may then be read without the lock to find a run with nothing to
	 * do. False where that is not worth it (SQLite: its run lock is already per migration).
	 */
	boolean awaitUnlocked(Connection c, Duration timeout) throws SQLException {
		return false;
	}

	/** The run lock if it is free now, else null (the default waits: {@link #lock}). */
	RunLock tryLock(Connection c, Duration timeout) throws SQLException {
		return lock(c, timeout);
	}

	/**
	 * Starts a migration's transaction. True when each transaction is itself the cross-process
	 * lock (SQLite), so the caller must re-check the history inside it.
	 */
	abstract boolean begin(Connection c) throws SQLException;

	/**
	 * Starts the transaction of a migration that runs {@code file}: like {@link #begin(Connection)},
	 * with what the file needs prepared first (SQLite: foreign keys off for a table rebuild).
	 * {@link #afterMigration} undoes that, on every path.
	 */
	boolean begin(Connection c, SqlFile file) throws SQLException {
		return begin(c);
	}

	/** After a migration's commit or rollback: puts back what {@link #begin(Connection, SqlFile)} changed. */
	void afterMigration(Connection c) throws SQLException {
	}

	void commit(Connection c) throws SQLException {
		c.commit();
		c.setAutoCommit(true);
	}

	void rollback(Connection c) throws SQLException {
		c.rollback();
		c.setAutoCommit(true);
	}

	/**
	 * Whether a {@code -- replaysafe:no-transaction} file runs outside a transaction. It does where the
	 * run lock covers the whole run (PostgreSQL, which needs it for {@code CREATE INDEX CONCURRENTLY}).
	 */
	boolean honoursNoTransaction() {
		return true;
	}

	/** Runs one statement of a migration file. */
	void execute(Connection c, SqlStatement statement) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute(statement.sql());
		}
	}

	/** Line in the file where the database says the error is, or the statement's first line. */
	int errorLine(SQLException e, SqlStatement statement) {
		return statement.line();
	}

	/** A clear error for a lock wait that timed out, or null if {@code e} is not one. */
	abstract MigrationException lockTimeout(SQLException e, Duration timeout);

	/** The held lock; closing it releases it. */
	interface RunLock extends AutoCloseable {
		@Override
		void close() throws SQLException;
	}

	static String describe(Duration timeout) {
		return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
	}

	static final String LOCK_TIMEOUT_FIX = "raise the lock timeout (replaysafe.lock-timeout, Migrator.Builder.lockTimeout) "
			+ "if migrations legitimately take longer, or stop the process that holds it";
}
