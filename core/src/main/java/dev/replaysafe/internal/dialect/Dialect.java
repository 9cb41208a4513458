package dev.replaysafe.internal.dialect;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What differs between SQLite and PostgreSQL: the history DDL, how a run is serialised against
 * other processes, transactions, catalog look-ups, and SQLite's emulation of the column guards
 * it lacks. Chosen from the driver's product name.
 */
public abstract sealed class Dialect permits SqliteDialect, PostgresDialect {

	public static Dialect of(Connection c) throws SQLException {
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

	public abstract String historyTableDdl(String table);

	/** Whether {@code schema.name} (both lower case, as the history addresses them) exists. */
	public abstract boolean tableExists(Connection c, String schema, String name) throws SQLException;

	/** The schema an unqualified {@code name} resolves to on this connection, or null if no such table. */
	public abstract String findTable(Connection c, String name) throws SQLException;

	/** The schema an unqualified {@code CREATE TABLE} creates its table in. */
	public abstract String defaultSchema(Connection c) throws SQLException;

	/** One row: the history's row count and a digest of every row's version, success and checksum. */
	public abstract String historyFingerprintQuery(String table);

	/**
	 * A query of one row, one column, whose value changes whenever a statement of the current
	 * transaction inserts, updates, deletes or truncates rows of {@code table} (triggers and dynamic
	 * SQL included), at a cost that does not grow with the table; null where the database has none
	 * (then the aggregate {@link #historyFingerprintQuery} is compared). Its value is null, or the
	 * query fails, when the table no longer exists. Compared within one transaction only. Called
	 * outside a transaction: what it sets up (SQLite) must outlive a migration that is rolled back.
	 *
	 * @param table the history as the run's SQL names it (quoted, schema-qualified)
	 */
	public String historyChangesQuery(Connection c, String table) throws SQLException {
		return null;
	}

	/** Undoes what {@link #historyChangesQuery} set up on the connection (at the end of a run, on every path). */
	public void stopWatchingHistory(Connection c) throws SQLException {
	}

	/**
	 * Serialises the whole run against other processes (PostgreSQL), or prepares the connection so
	 * that each migration's own transaction does (SQLite). Waits at most {@code timeout}.
	 */
	public abstract RunLock lock(Connection c, Duration timeout) throws SQLException;

	/**
	 * Waits (at most {@code timeout}) while another process holds the run lock, without taking it,
	 * and tells whether the history may then be read without the lock to find a run with nothing to
	 * do. False where that is not worth it (SQLite: its run lock is already per migration).
	 */
	public boolean awaitUnlocked(Connection c, Duration timeout) throws SQLException {
		return false;
	}

	/** The run lock if it is free now, else null (the default waits: {@link #lock}). */
	public RunLock tryLock(Connection c, Duration timeout) throws SQLException {
		return lock(c, timeout);
	}

	/**
	 * Starts a migration's transaction. True when each transaction is itself the cross-process
	 * lock (SQLite), so the caller must re-check the history inside it.
	 */
	public abstract boolean begin(Connection c) throws SQLException;

	/**
	 * Starts the transaction of a migration that runs {@code file}: like {@link #begin(Connection)},
	 * with what the file needs prepared first (SQLite: foreign keys off for a table rebuild).
	 * {@link #afterMigration} undoes that, on every path.
	 */
	public boolean begin(Connection c, SqlFile file) throws SQLException {
		return begin(c);
	}

	/**
	 * A value that two reads within one transaction find different whenever a statement between
	 * them changed the schema or a table's rows (triggers included): what lets the replay check skip
	 * the snapshot of a replay that changed nothing. A read that finds it unchanged proves nothing
	 * was written; a changed one may be a write that changed nothing (an UPDATE to the same value).
	 */
	public String changeMark(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(changeMarkQuery(c))) {
			rs.next();
			return rs.getString(1);
		}
	}

	/** The query of {@link #changeMark}: one row, one column, never null. */
	abstract String changeMarkQuery(Connection c) throws SQLException;

	/** After a migration's commit or rollback: puts back what {@link #begin(Connection, SqlFile)} changed. */
	public void afterMigration(Connection c) throws SQLException {
	}

	public void commit(Connection c) throws SQLException {
		c.commit();
		c.setAutoCommit(true);
	}

	public void rollback(Connection c) throws SQLException {
		c.rollback();
		c.setAutoCommit(true);
	}

	/**
	 * Whether a {@code -- replaysafe:no-transaction} file runs outside a transaction. It does where the
	 * run lock covers the whole run (PostgreSQL, which needs it for {@code CREATE INDEX CONCURRENTLY}).
	 */
	public boolean honoursNoTransaction() {
		return true;
	}

	/**
	 * Whether {@code m} may share a transaction with other migrations (a grouped run): not a file
	 * that runs outside any transaction here ({@link #honoursNoTransaction}).
	 */
	public boolean groupable(Connection c, Migration m) throws SQLException {
		return !(m.noTransaction() && honoursNoTransaction());
	}

	/**
	 * How many locks one transaction may take for a grouped run, in the units of {@link #lockEstimate}:
	 * unlimited, unless the database's lock table is bounded (PostgreSQL).
	 */
	public long lockBudget(Connection c) throws SQLException {
		return Long.MAX_VALUE;
	}

	/** An upper estimate of the locks {@code file} holds until its transaction ends; 0 where nothing bounds them. */
	public long lockEstimate(SqlFile file) {
		return 0;
	}

	/** Whether {@code e} says the database's lock table is full (a grouped run then goes migration by migration). */
	public boolean outOfLocks(SQLException e) {
		return false;
	}

	/** Logs a WARN when the connection's settings make the migrated schema behave otherwise than it says. */
	public void warnAboutSettings(Connection c) throws SQLException {
	}

	/** Runs one statement of a migration file. */
	public void execute(Connection c, SqlStatement statement) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute(statement.sql());
		}
	}

	/** Line in the file where the database says the error is, or the statement's first line. */
	public int errorLine(SQLException e, SqlStatement statement) {
		return statement.line();
	}

	/** The connection's session before the first file ran on it (a dialect serves one connection), or null. */
	private SessionState session;

	/** Remembers the session before the first file runs on this connection; a no-op after that. */
	public void keepSession(Connection c) throws SQLException {
		if (session == null) {
			session = SessionState.capture(c, this);
		}
	}

	/** Puts back the session {@link #keepSession} remembered, if a file ran. */
	public void restoreSession(Connection c) throws SQLException {
		SessionState kept = session;
		session = null;
		if (kept != null) {
			kept.restore(c, this);
		}
	}

	private boolean aborted;

	/**
	 * Closes the physical connection at once, so that no pool can lend it again: JDBC's abort, and
	 * where the driver's abort does nothing (sqlite-jdbc's), closing the driver's own connection
	 * behind the pool's wrapper. The pool finds it closed and replaces it.
	 */
	public void abort(Connection c) throws SQLException {
		aborted = true;
		c.abort(Runnable::run);
		Connection physical = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
		if (!physical.isClosed()) {
			physical.close();
		}
	}

	public boolean aborted() {
		return aborted;
	}

	/** The session settings a migration file may change, by name. */
	abstract Map<String, String> readSettings(Connection c) throws SQLException;

	/** Sets back each setting whose value is no longer the one in {@code before}. */
	abstract void restoreSettings(Connection c, Map<String, String> before) throws SQLException;

	/**
	 * Why {@code statement} cannot run as a migration because the session state it changes could not
	 * be restored afterwards, or null.
	 */
	public String unrestorable(SqlStatement statement) {
		return null;
	}

	/** A clear error for a lock wait that timed out, or null if {@code e} is not one. */
	public abstract MigrationException lockTimeout(SQLException e, Duration timeout);

	/** The held lock; closing it releases it. */
	public interface RunLock extends AutoCloseable {
		@Override
		void close() throws SQLException;
	}

	static String describe(Duration timeout) {
		return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
	}

	static final String LOCK_TIMEOUT_FIX = "raise the lock timeout (replaysafe.lock-timeout, Migrator.Builder.lockTimeout) "
			+ "if migrations legitimately take longer, or stop the process that holds it";
}
