package dev.replaysafe.internal.dialect;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * otherwise, so one portable file is replay-safe on both databases. Generated columns count, and
 * names are compared as SQLite compares them (ASCII letters ignoring case, other letters exactly).
 * On a table that does not exist it runs unguarded and fails, as on PostgreSQL.
 */
public final class SqliteDialect extends Dialect {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	/** The run's lock timeout, which {@link #lock} makes the busy timeout; {@link #begin} logs a wait with it. */
	private Duration timeout = Duration.ZERO;

	/** The file of the migration running with foreign keys turned off by {@link #begin(Connection, SqlFile)}, or null. */
	private String rebuilding;

	/** The foreign key violations already there when it began: only new ones are its doing. */
	private Set<List<String>> violationsBefore = Set.of();

	@Override
	public String historyTableDdl(String table) {
		return "CREATE TABLE IF NOT EXISTS " + table + " (\n"
				+ "    version BIGINT PRIMARY KEY,\n"
				+ "    description TEXT NOT NULL,\n"
				+ "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
				+ "    success BOOLEAN NOT NULL,\n"
				+ "    checksum BLOB NOT NULL,\n"
				+ "    execution_time BIGINT NOT NULL\n"
				+ ")";
	}

	/** SQLite has no digest function: the rows themselves, with the first 8 bytes of each checksum (as hex). */
	@Override
	public String historyFingerprintQuery(String table) {
		// In rowid order, which stays put unless rows are deleted or inserted (then the count or the text differs anyway).
		return "SELECT count(*), group_concat(version || ':' || success || ':' || hex(substr(checksum, 1, 8)), ',') "
				+ "FROM " + table;
	}

	/** The temp table {@link #historyChangesQuery} counts in, while a run watches the history. */
	private static final String CHANGES = "replaysafe_history_changes";

	private static final List<String> OPERATIONS = List.of("INSERT", "UPDATE", "DELETE");

	/** Whether this connection has the temp table and triggers. */
	private boolean watching;

	/**
	 * Counted by TEMP triggers on the history table (one per operation, FOR EACH ROW, so a trigger
	 * or dynamic SQL counts too, and DELETE without WHERE cannot take its truncate shortcut): temp
	 * objects belong to this connection alone, are never written to the database file, and are
	 * dropped at the end of the run ({@link #stopWatchingHistory}). The query names the table, so it
	 * fails once the table is gone; one dropped and made again has lost the triggers, which the
	 * query counts too.
	 */
	@Override
	public String historyChangesQuery(Connection c, String table) throws SQLException {
		if (!watching) {
			try (Statement s = c.createStatement()) {
				s.execute("CREATE TEMP TABLE IF NOT EXISTS " + CHANGES + " (operation TEXT PRIMARY KEY, n INTEGER NOT NULL)");
				for (String operation : OPERATIONS) {
					String name = operation.toLowerCase(java.util.Locale.ROOT);
					s.execute("INSERT OR IGNORE INTO temp." + CHANGES + " (operation, n) VALUES ('" + name + "', 0)");
					// A TEMP trigger may watch a table of another schema; ON takes the bare name ("main" resolves it).
					s.execute("CREATE TEMP TRIGGER IF NOT EXISTS " + CHANGES + "_" + name + " AFTER " + operation + " ON "
							+ bare(table) + " BEGIN UPDATE temp." + CHANGES + " SET n = n + 1 WHERE operation = '" + name
							+ "'; END");
				}
			}
			watching = true;
		}
		// Each counter by its key: a migration may set PRAGMA reverse_unordered_selects.
		StringBuilder query = new StringBuilder("SELECT ");
		for (String operation : OPERATIONS) {
			query.append("(SELECT n FROM temp.").append(CHANGES).append(" WHERE operation = '")
				.append(operation.toLowerCase(java.util.Locale.ROOT)).append("') || ':' || ");
		}
		return query.append("(SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name LIKE '")
			.append(CHANGES).append("%') || ':' || (SELECT count(*) FROM ").append(table).append(" WHERE 0)").toString();
	}

	/** {@code "main"."t"} as {@code "t"}: the name a TEMP trigger's ON clause takes. */
	private static String bare(String table) {
		return table.substring(table.indexOf("\".\"") + 2);
	}

	@Override
	public void stopWatchingHistory(Connection c) throws SQLException {
		if (!watching) {
			return;
		}
		watching = false;
		try (Statement s = c.createStatement()) {
			for (String operation : OPERATIONS) {
				s.execute("DROP TRIGGER IF EXISTS temp." + CHANGES + "_" + operation.toLowerCase(java.util.Locale.ROOT));
			}
			s.execute("DROP TABLE IF EXISTS temp." + CHANGES);
		}
	}

	@Override
	public boolean tableExists(Connection c, String schema, String name) throws SQLException {
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
	public String findTable(Connection c, String name) throws SQLException {
		return tableExists(c, "main", name) ? "main" : null;
	}

	@Override
	public String defaultSchema(Connection c) {
		return "main";
	}

	@Override
	public RunLock lock(Connection c, Duration timeout) throws SQLException {
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
	public String unrestorable(SqlStatement st) {
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
	public boolean honoursNoTransaction() {
		return false;
	}

	/**
	 * Not a file that drops a table while foreign keys are on: {@link #begin(Connection, SqlFile)}
	 * turns them off for it, which SQLite does only outside a transaction. The directive
	 * {@code no-transaction} does not matter: here every file runs in a transaction. Nor a file that
	 * sets {@code PRAGMA defer_foreign_keys}, which lasts until its transaction ends.
	 */
	@Override
	public boolean groupable(Connection c, Migration m) throws SQLException {
		return !containsIgnoreCase(m.up().text(), "defer_foreign_keys") && (!dropsATable(m.up()) || !foreignKeysOn(c));
	}

	/**
	 * Every change to the schema bumps {@code schema_version}; {@code total_changes()} counts the
	 * rows every INSERT, UPDATE and DELETE of this connection touched, trigger programs included.
	 */
	@Override
	String changeMarkQuery(Connection c) {
		return "SELECT (SELECT schema_version FROM pragma_schema_version) || ':' || total_changes()";
	}

	@Override
	public boolean begin(Connection c) throws SQLException {
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

	/**
	 * A migration that drops a table (or turns foreign keys off itself: a table rebuild, SQLite's
	 * procedure for the changes ALTER TABLE cannot make) runs with foreign keys off, turned off before
	 * its transaction since {@code PRAGMA foreign_keys} is a no-op inside one. With them on, dropping
	 * the old table would fire the ON DELETE actions of the tables that reference it and delete their
	 * rows. {@link #commit} checks the foreign keys first; {@link #afterMigration} turns them back on.
	 */
	@Override
	public boolean begin(Connection c, SqlFile file) throws SQLException {
		if (!dropsATable(file) || !foreignKeysOn(c)) {
			return begin(c);
		}
		setForeignKeys(c, false);
		rebuilding = file.location();
		log.debug("{}: foreign keys off for this migration (it drops a table), checked before COMMIT", rebuilding);
		boolean began = false;
		try {
			boolean ownsLock = begin(c);
			began = true;
			violationsBefore = violations(c);
			return ownsLock;
		}
		catch (SQLException | RuntimeException e) {
			try {
				if (began) {
					rollback(c);
				}
				afterMigration(c);
			}
			catch (SQLException | RuntimeException r) {
				e.addSuppressed(r);
			}
			throw e;
		}
	}

	@Override
	public void afterMigration(Connection c) throws SQLException {
		if (rebuilding != null) {
			setForeignKeys(c, true);
			rebuilding = null;
			violationsBefore = Set.of();
		}
	}

	@Override
	public void commit(Connection c) throws SQLException {
		if (rebuilding != null) {
			refuseNewViolations(c);
		}
		try (Statement s = c.createStatement()) {
			s.execute("COMMIT");
		}
	}

	/**
	 * Refuses to commit rows the migration left pointing at nothing ({@code PRAGMA foreign_key_check}):
	 * with foreign keys on, SQLite would have deleted them, nulled them or refused the drop. Violations
	 * that were there before the migration are not its doing and are left alone.
	 */
	private void refuseNewViolations(Connection c) throws SQLException {
		Map<List<String>, List<String>> byReference = new LinkedHashMap<>();
		for (List<String> v : violations(c)) {
			if (!violationsBefore.contains(v)) {
				byReference.computeIfAbsent(List.of(v.get(0), v.get(2), v.get(3)), k -> new ArrayList<>()).add(v.get(1));
			}
		}
		if (byReference.isEmpty()) {
			return;
		}
		List<String> problems = new ArrayList<>();
		for (Map.Entry<List<String>, List<String>> e : byReference.entrySet()) {
			String child = e.getKey().get(0);
			String parent = e.getKey().get(1);
			List<String> rowids = e.getValue();
			String shown = String.join(", ", rowids.subList(0, Math.min(10, rowids.size())))
					+ (rowids.size() > 10 ? ", ..." : "");
			problems.add((tableExists(c, "main", parent) ? rowids.size() + " row(s) of " + child + " (rowid " + shown
					+ ") would point at no row of " + parent
					: "dropping " + parent + " would leave " + rowids.size() + " row(s) of " + child + " (rowid " + shown
							+ ") pointing at nothing")
					+ "; with foreign keys on, SQLite would have " + onDelete(c, child, e.getKey().get(2)));
		}
		throw new MigrationException(rebuilding + ": refused to commit rows that reference nothing (PRAGMA "
				+ "foreign_key_check). replaysafe runs a migration that drops a table with foreign keys off, as SQLite's "
				+ "table rebuild procedure requires (sqlite.org/lang_altertable.html), so that no ON DELETE action "
				+ "deletes rows, and checks them before COMMIT. The transaction was rolled back: nothing of this "
				+ "migration was applied and no row was lost. Fix: to rebuild a table, copy every row into the new "
				+ "table (INSERT INTO new_t SELECT ... FROM t) before DROP TABLE t, and rename the new table to t; to "
				+ "drop a table for real, first delete or update the rows that reference it", problems);
	}

	/** What SQLite would have done to the referencing rows, from the foreign key's ON DELETE action. */
	private static String onDelete(Connection c, String child, String fkid) throws SQLException {
		String action = "NO ACTION";
		try (PreparedStatement s = c.prepareStatement("SELECT on_delete FROM pragma_foreign_key_list(?) WHERE id = ?")) {
			s.setString(1, child);
			s.setInt(2, Integer.parseInt(fkid));
			try (ResultSet rs = s.executeQuery()) {
				if (rs.next()) {
					action = rs.getString(1).toUpperCase(java.util.Locale.ROOT);
				}
			}
		}
		return switch (action) {
			case "CASCADE" -> "deleted them (ON DELETE CASCADE)";
			case "SET NULL" -> "set their reference to NULL (ON DELETE SET NULL)";
			case "SET DEFAULT" -> "set their reference to its default (ON DELETE SET DEFAULT)";
			default -> "refused the DROP TABLE (ON DELETE " + action + ")";
		};
	}

	/** Each row of {@code PRAGMA foreign_key_check}: child table, rowid, parent table, foreign key id. */
	private static Set<List<String>> violations(Connection c) throws SQLException {
		Set<List<String>> found = new LinkedHashSet<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
			while (rs.next()) {
				found.add(List.of(rs.getString(1), String.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
			}
		}
		return found;
	}

	private static boolean foreignKeysOn(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
			return rs.next() && rs.getInt(1) == 1;
		}
	}

	private static void setForeignKeys(Connection c, boolean on) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute("PRAGMA foreign_keys = " + (on ? "ON" : "OFF"));
		}
	}

	/**
	 * Whether {@code file} has a {@code DROP TABLE} or a {@code PRAGMA foreign_keys} statement. Lexed
	 * (streamed) only when its text has the word at all, which most files do not.
	 */
	private static boolean dropsATable(SqlFile file) {
		String text = file.text();
		if (!containsIgnoreCase(text, "drop") && !containsIgnoreCase(text, "foreign_keys")) {
			return false;
		}
		boolean[] found = new boolean[1];
		SqlScript.scan(file.location(), text, st -> found[0] |= st.matches(0, "DROP", "TABLE") || isForeignKeysPragma(st),
				comment -> {
				});
		return found[0];
	}

	/** {@code word} is lower case ASCII; only where its first letter is does the whole comparison run. */
	private static boolean containsIgnoreCase(String text, String word) {
		char lower = word.charAt(0);
		char upper = Character.toUpperCase(lower);
		for (int i = 0, last = text.length() - word.length(); i <= last; i++) {
			char ch = text.charAt(i);
			if ((ch == lower || ch == upper) && text.regionMatches(true, i, word, 0, word.length())) {
				return true;
			}
		}
		return false;
	}

	/** {@code PRAGMA [schema.]foreign_keys ...}: a no-op inside a transaction, where every migration runs. */
	private static boolean isForeignKeysPragma(SqlStatement st) {
		return st.matches(0, "PRAGMA") && (st.matches(1, "FOREIGN_KEYS")
				|| st.token(2) != null && st.token(2).text().equals(".") && st.matches(3, "FOREIGN_KEYS"));
	}

	@Override
	public void rollback(Connection c) throws SQLException {
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

	/**
	 * SQLite enforces foreign keys only on connections that turn them on: with {@code foreign_keys}
	 * off, {@code REFERENCES ... ON DELETE CASCADE} in the schema is ignored, silently.
	 */
	@Override
	public void warnAboutSettings(Connection c) throws SQLException {
		if (foreignKeysOn(c)) {
			return;
		}
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT m.name FROM main.sqlite_master m, "
				+ "pragma_foreign_key_list(m.name) f WHERE m.type = 'table' GROUP BY m.name ORDER BY m.name")) {
			List<String> tables = new ArrayList<>();
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
			if (!tables.isEmpty()) {
				log.warn("The schema declares foreign keys (tables {}) but this connection has foreign_keys off, so SQLite "
						+ "does not enforce them (nor ON DELETE CASCADE); add ?foreign_keys=true to the JDBC URL "
						+ "(jdbc:sqlite:app.db?foreign_keys=true) or set it on the pool", tables);
			}
		}
	}

	@Override
	public void execute(Connection c, SqlStatement st) throws SQLException {
		if (isForeignKeysPragma(st)) {
			log.debug("{}: {} skipped: it does nothing inside the migration's transaction; replaysafe turns foreign "
					+ "keys off around a migration that drops a table, and checks them before COMMIT", st.line(), st.sql());
			return;
		}
		ColumnGuard guard = ColumnGuard.of(st);
		if (guard == null) {
			super.execute(c, st);
			return;
		}
		Boolean exists = columnExists(c, guard);
		// No such table: run it unguarded, so that SQLite fails as PostgreSQL does instead of skipping a DROP.
		if (exists != null && exists == guard.add) {
			log.debug("{}:{}: column {}.{} {}, statement skipped", st.line(), guard.table, guard.column,
					guard.add ? "exists" : "does not exist");
			return;
		}
		String sql = st.sql().substring(0, guard.guardStart - st.offset()) + st.sql().substring(guard.guardEnd - st.offset());
		try (Statement s = c.createStatement()) {
			s.execute(sql);
		}
	}

	/**
	 * Whether the guarded column exists, or null if the table does not. Names are compared as SQLite
	 * compares them, ignoring the case of ASCII letters only ({@code NOCASE}; {@code lower()} or Java's
	 * case folding would take {@code Übung} for {@code übung}). {@code table_xinfo} lists generated
	 * columns too (hidden 2 and 3), which {@code table_info} leaves out; hidden 1 is a virtual table's
	 * hidden column, which no {@code ALTER TABLE} can add or drop.
	 */
	private static Boolean columnExists(Connection c, ColumnGuard guard) throws SQLException {
		try (PreparedStatement s = c.prepareStatement(
				"SELECT max(name = ? COLLATE NOCASE) FROM pragma_table_xinfo(?, ?) WHERE hidden <> 1")) {
			s.setString(1, guard.column);
			s.setString(2, guard.table);
			s.setString(3, guard.schema);
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				int found = rs.getInt(1);
				return rs.wasNull() ? null : found == 1;
			}
		}
	}

	@Override
	public MigrationException lockTimeout(SQLException e, Duration timeout) {
		String message = String.valueOf(e.getMessage());
		if (e.getErrorCode() != 5 && !message.contains("SQLITE_BUSY") && !message.contains("database is locked")) {
			return null;
		}
		return new MigrationException(MigrationException.Kind.LOCK_TIMEOUT, "Timed out after " + describe(timeout) + " waiting for the SQLite write lock "
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
