package dev.replaysafe.internal.history;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.internal.dialect.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The history table, in sqlx's {@code _sqlx_migrations} layout with sqlx's column types on each
 * database, so that either tool recognises what the other applied.
 */
public final class History {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

	private final Dialect dialect;
	private final String table;
	/** The unqualified name, lower-cased: what an unquoted name always resolved to on PostgreSQL. */
	private final String name;
	/** The schema, resolved once per run (a migration's {@code SET search_path} must not move the history). */
	private String schema;
	private String quoted;

	public History(Dialect dialect, String table) {
		this.dialect = dialect;
		this.table = table;
		int dot = table.indexOf('.');
		this.name = table.substring(dot + 1).toLowerCase(Locale.ROOT);
		this.schema = dot < 0 ? null : table.substring(0, dot).toLowerCase(Locale.ROOT);
	}

	/** Rejects a table name that is not a plain identifier: it is written into SQL. */
	public static String validTable(String table) {
		if (table == null || !IDENTIFIER.matcher(table).matches()) {
			throw new MigrationException(MigrationException.Kind.CONFIGURATION, "The history table name '" + table + "' is not a valid identifier; use "
					+ "letters, digits and _ only, optionally as schema.table (the default is _sqlx_migrations)");
		}
		return table;
	}

	public String table() {
		return table;
	}

	public boolean exists(Connection c) throws SQLException {
		if (schema == null) {
			// The first look (a warm start's only one) finds where the connection resolves the name.
			schema = dialect.findTable(c, name);
			if (schema != null) {
				return true;
			}
			schema = dialect.defaultSchema(c);
			return false;
		}
		return dialect.tableExists(c, schema, name);
	}

	/**
	 * The table as the run's SQL names it: schema-qualified and quoted, so that a keyword ({@code user},
	 * {@code order}) is a valid name and a migration's {@code SET search_path} cannot move it.
	 */
	public String sql(Connection c) throws SQLException {
		if (quoted == null) {
			if (schema == null) {
				exists(c);
			}
			// Validated as [A-Za-z0-9_]: nothing to escape.
			quoted = '"' + schema + "\".\"" + name + '"';
		}
		return quoted;
	}

	public void create(Connection c) throws SQLException {
		// In a transaction of its own: on SQLite that takes the write lock the way a migration does, so
		// a process that has to wait for another one's migration says so instead of waiting silently.
		dialect.begin(c);
		try {
			createInTransaction(c);
			dialect.commit(c);
		}
		catch (Throwable e) {
			try {
				dialect.rollback(c);
			}
			catch (Throwable r) {
				e.addSuppressed(r);
			}
			throw e;
		}
	}

	/** Creates the table in the caller's transaction (a grouped run creates it with its migrations). */
	public void createInTransaction(Connection c) throws SQLException {
		try (Statement s = c.createStatement()) {
			s.execute(dialect.historyTableDdl(sql(c)));
		}
	}

	public List<AppliedMigration> read(Connection c) throws SQLException {
		List<AppliedMigration> rows = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, description, "
				+ "installed_on, success, checksum, execution_time FROM " + sql(c) + " ORDER BY version")) {
			while (rs.next()) {
				rows.add(new AppliedMigration(rs.getLong(1), rs.getString(2), instant(rs.getObject(3)),
						rs.getBoolean(4), rs.getBytes(5), rs.getLong(6)));
			}
		}
		return rows;
	}

	/**
	 * The rows as a run needs them: without install time and duration (null and -1), whose
	 * decoding (the driver's timestamp and calendar machinery) a start does not need to pay.
	 */
	public List<AppliedMigration> readForRun(Connection c) throws SQLException {
		List<AppliedMigration> rows = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, description, success, "
				+ "checksum FROM " + sql(c) + " ORDER BY version")) {
			while (rs.next()) {
				rows.add(new AppliedMigration(rs.getLong(1), rs.getString(2), null, rs.getBoolean(3), rs.getBytes(4), -1));
			}
		}
		return rows;
	}

	/** Whether {@code version} has a row, and whether it is successful: null (none), true or false. */
	public Boolean success(Connection c, long version) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT success FROM " + sql(c) + " WHERE version = ?")) {
			s.setLong(1, version);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() ? rs.getBoolean(1) : null;
			}
		}
	}

	/** Whether {@code version} has a successful row: read inside the write lock on SQLite. */
	public boolean isApplied(Connection c, long version) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("SELECT success FROM " + sql(c) + " WHERE version = ?")) {
			s.setLong(1, version);
			try (ResultSet rs = s.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	/**
	 * What a migration must leave alone: the number of rows and a digest of each row's version,
	 * success and checksum, computed by the database in one aggregate query (nothing per row reaches
	 * the JVM on PostgreSQL). Taken before and after a migration's statements, it catches dynamic SQL
	 * and triggers the token check cannot see.
	 */
	public Fingerprint fingerprint(Connection c) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.historyFingerprintQuery(sql(c)))) {
			rs.next();
			return new Fingerprint(rs.getLong(1), String.valueOf(rs.getString(2)));
		}
	}

	/**
	 * The history's rows as counted and digested ({@code rows} at least 0), or a mark of its changes
	 * in the current transaction ({@link #changes}; {@code rows} is -1 then).
	 */
	public record Fingerprint(long rows, String digest) {

		/** {@return whether this is a mark of changes, not a digest of the rows} */
		public boolean isMark() {
			return rows < 0;
		}
	}

	/** The dialect's query of {@link #changes}, once set up; "" when it has none. */
	private String changesQuery;

	/**
	 * Prepares {@link #changes} (on SQLite, temp triggers that count); call it outside a transaction.
	 *
	 * @return whether the dialect has a cheap mark; if not, {@link #changes} digests every row
	 */
	public boolean watchChanges(Connection c) throws SQLException {
		if (changesQuery == null) {
			String query = dialect.historyChangesQuery(c, sql(c));
			changesQuery = query == null ? "" : query;
		}
		return !changesQuery.isEmpty();
	}

	/**
	 * A mark that changes whenever the current transaction changes the history's rows, at a cost
	 * independent of how many there are (one catalog read; {@link #watchChanges} first), or, where
	 * the dialect has no such mark, the {@link #fingerprint}. Null when the table is gone.
	 */
	public Fingerprint changes(Connection c) throws SQLException {
		if (changesQuery == null || changesQuery.isEmpty()) {
			return exists(c) ? fingerprint(c) : null;
		}
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(changesQuery)) {
			String mark = rs.next() ? rs.getString(1) : null;
			return mark == null ? null : new Fingerprint(-1, mark);
		}
		catch (SQLException e) {
			// SQLite: the query names the table, so it fails once a statement dropped or renamed it.
			if (!exists(c)) {
				return null;
			}
			throw e;
		}
	}

	/** Undoes {@link #watchChanges} (at the end of a run). */
	public void stopWatching(Connection c) throws SQLException {
		if (changesQuery != null && !changesQuery.isEmpty()) {
			dialect.stopWatchingHistory(c);
		}
		changesQuery = null;
	}

	/** Records {@code m} as applied (a failed row for its version must have been deleted first). */
	public void record(Connection c, Migration m, long nanos) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("INSERT INTO " + sql(c)
				+ " (version, description, success, checksum, execution_time) VALUES (?, ?, TRUE, ?, ?)")) {
			s.setLong(1, m.version());
			s.setString(2, m.description());
			s.setBytes(3, m.checksum());
			s.setLong(4, nanos);
			s.executeUpdate();
		}
	}

	public void delete(Connection c, long version) throws SQLException {
		try (PreparedStatement s = c.prepareStatement("DELETE FROM " + sql(c) + " WHERE version = ?")) {
			s.setLong(1, version);
			s.executeUpdate();
		}
	}

	/** Built on first need: java.time's formatter machinery costs a start several milliseconds to load. */
	private static final class SqliteTime {
		static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss[.SSS]");
	}

	/** PostgreSQL gives a timestamp; SQLite the text CURRENT_TIMESTAMP wrote (UTC), or whatever sqlx stored. */
	private static Instant instant(Object value) {
		if (value instanceof Timestamp t) {
			return t.toInstant();
		}
		if (value instanceof OffsetDateTime t) {
			return t.toInstant();
		}
		if (value instanceof String text) {
			Instant plain = plainUtc(text);
			if (plain != null) {
				return plain;
			}
			try {
				return LocalDateTime.parse(text.length() > 23 ? text.substring(0, 23) : text, SqliteTime.FORMAT)
						.toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException e) {
				return null;
			}
		}
		if (value instanceof Number epochSeconds) {
			return Instant.ofEpochSecond(epochSeconds.longValue());
		}
		return null;
	}

	/** {@code yyyy-MM-dd HH:mm:ss}, what SQLite's CURRENT_TIMESTAMP writes, read without a formatter; else null. */
	private static Instant plainUtc(String t) {
		if (t.length() != 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != ' ' || t.charAt(13) != ':'
				|| t.charAt(16) != ':') {
			return null;
		}
		try {
			return LocalDateTime.of(Integer.parseInt(t, 0, 4, 10), Integer.parseInt(t, 5, 7, 10),
					Integer.parseInt(t, 8, 10, 10), Integer.parseInt(t, 11, 13, 10), Integer.parseInt(t, 14, 16, 10),
					Integer.parseInt(t, 17, 19, 10)).toInstant(ZoneOffset.UTC);
		}
		catch (NumberFormatException | DateTimeException e) {
			return null;
		}
	}
}
