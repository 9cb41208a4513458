package dev.replaysafe.internal.schema;

import dev.replaysafe.MigrationException;
import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.dialect.SqliteDialect;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlToken;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import javax.sql.DataSource;

/**
 * A normalised, comparable description of the user schema, read from the catalog: tables with
 * their columns (name, type, nullability, default, generation kind and expression), primary key,
 * foreign keys and unique constraints; CHECK constraints (in {@link #others()}, as
 * {@code table t: CHECK (...)}); indexes (columns in order, uniqueness, partial predicate);
 * views; triggers; and on PostgreSQL also free-standing sequences, enum and domain types, and
 * functions.
 *
 * <p>Everything is compared as sets keyed by name: the order of columns does not matter (a down
 * that re-adds a dropped column puts it last), nor do generated constraint names. The history
 * table is left out. On SQLite, the automatic index behind a {@code UNIQUE} constraint is the
 * unique constraint, and the one behind a primary key is the primary key, not indexes of their
 * own. PostgreSQL is read in {@code current_schema()}; SQLite in {@code main}. Not compared:
 * collations, and the text of defaults beyond what the catalog shows.
 */
public final class SchemaSnapshot {

	private final SortedMap<String, Table> tables;
	private final SortedMap<String, Index> indexes;
	private final SortedMap<String, String> views;
	private final SortedMap<String, String> others;

	private SchemaSnapshot(SortedMap<String, Table> tables, SortedMap<String, Index> indexes,
			SortedMap<String, String> views, SortedMap<String, String> others) {
		this.tables = Collections.unmodifiableSortedMap(tables);
		this.indexes = Collections.unmodifiableSortedMap(indexes);
		this.views = Collections.unmodifiableSortedMap(views);
		this.others = Collections.unmodifiableSortedMap(others);
	}

	/** Reads the schema of {@code dataSource}, leaving out {@code historyTable} ({@code [schema.]name}). */
	public static SchemaSnapshot of(DataSource dataSource, String historyTable) {
		try (Connection c = dataSource.getConnection()) {
			return read(c, historyTable);
		}
		catch (SQLException e) {
			throw new MigrationException("Could not read the database schema: " + e.getMessage(), e);
		}
	}

	public static SchemaSnapshot read(Connection c, String historyTable) throws SQLException {
		String excluded = historyTable.substring(historyTable.indexOf('.') + 1);
		boolean sqlite = Dialect.of(c) instanceof SqliteDialect;
		SchemaSnapshot all = sqlite ? readSqlite(c) : readPostgres(c);
		// The name as the history's unquoted DDL made it: SQLite ignores the case of ASCII letters
		// only, PostgreSQL folds them to lower case (equalsIgnoreCase would also match ı, ſ, K).
		Predicate<String> history = sqlite ? name -> SqlToken.equalsIgnoreAsciiCase(name, excluded)
				: SqlToken.lowerAscii(excluded)::equals;
		SortedMap<String, Table> tables = new TreeMap<>(all.tables);
		tables.keySet().removeIf(history);
		SortedMap<String, Index> indexes = new TreeMap<>(all.indexes);
		indexes.values().removeIf(index -> history.test(index.table()));
		SortedMap<String, String> others = new TreeMap<>(all.others);
		others.keySet().removeIf(key -> key.startsWith("trigger ")
				&& history.test(key.substring(key.lastIndexOf(" on ") + " on ".length())));
		return new SchemaSnapshot(tables, indexes, new TreeMap<>(all.views), others);
	}

	/** The user tables, by name. */
	public SortedMap<String, Table> tables() {
		return tables;
	}

	/** The indexes that are not a primary key or unique constraint, by name. */
	public SortedMap<String, Index> indexes() {
		return indexes;
	}

	/** The views (PostgreSQL: materialised ones too), name to normalised definition. */
	public SortedMap<String, String> views() {
		return views;
	}

	/**
	 * Triggers; CHECK constraints ({@code table t: CHECK (...)}); PostgreSQL sequences not owned by a column,
	 * enum and domain types, functions: key to description.
	 */
	public SortedMap<String, String> others() {
		return others;
	}

	/** Whether there is no user object at all. */
	public boolean isEmpty() {
		return tables.isEmpty() && indexes.isEmpty() && views.isEmpty() && others.isEmpty();
	}

	/** Counts of what is in it, for reports: "6 tables, 8 indexes, 1 view". */
	public String summary() {
		String s = plural(tables.size(), "table") + ", " + plural(indexes.size(), "index", "indexes") + ", "
				+ plural(views.size(), "view");
		return others.isEmpty() ? s : s + ", " + plural(others.size(), "other object");
	}

	/**
	 * How {@code after} differs from {@code before}, one readable line per difference (empty when
	 * they are equal): {@code table documents: column archived_at added (TIMESTAMP NULL)},
	 * {@code index ix_x on documents (a, b) missing}, {@code table t: column c changed: type INT -> TEXT}.
	 */
	public static List<String> diff(SchemaSnapshot before, SchemaSnapshot after) {
		List<String> lines = new ArrayList<>();
		for (String name : union(before.tables.keySet(), after.tables.keySet())) {
			Table was = before.tables.get(name);
			Table is = after.tables.get(name);
			if (was == null) {
				lines.add("table " + name + " added (" + is.describeColumns() + ")");
			}
			else if (is == null) {
				lines.add("table " + name + " missing");
			}
			else {
				was.diff(is, lines);
			}
		}
		for (String name : union(before.indexes.keySet(), after.indexes.keySet())) {
			Index was = before.indexes.get(name);
			Index is = after.indexes.get(name);
			if (was == null) {
				lines.add(is + " added");
			}
			else if (is == null) {
				lines.add(was + " missing");
			}
			else if (!was.equals(is)) {
				lines.add("index " + name + " changed: " + was.definition() + " -> " + is.definition());
			}
		}
		diffMap("view", before.views, after.views, lines);
		diffMap(null, before.others, after.others, lines);
		return lines;
	}

	private static void diffMap(String kind, SortedMap<String, String> before, SortedMap<String, String> after,
			List<String> lines) {
		for (String name : union(before.keySet(), after.keySet())) {
			String was = before.get(name);
			String is = after.get(name);
			String label = kind == null ? name : kind + " " + name;
			if (was == null) {
				lines.add(label + " added" + (kind == null ? "" : ": " + is));
			}
			else if (is == null) {
				lines.add(label + " missing");
			}
			else if (!was.equals(is)) {
				lines.add(label + " changed: " + was + " -> " + is);
			}
		}
	}

	private static SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
		SortedSet<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof SchemaSnapshot s && tables.equals(s.tables) && indexes.equals(s.indexes)
				&& views.equals(s.views) && others.equals(s.others);
	}

	@Override
	public int hashCode() {
		return Objects.hash(tables, indexes, views, others);
	}

	/** The whole schema, one object a line, in name order. */
	@Override
	public String toString() {
		StringBuilder s = new StringBuilder();
		tables.values().forEach(t -> s.append(t).append('\n'));
		indexes.values().forEach(i -> s.append(i).append('\n'));
		views.forEach((name, definition) -> s.append("view ").append(name).append(": ").append(definition).append('\n'));
		others.forEach((key, description) -> s.append(key).append(": ").append(description).append('\n'));
		return s.toString();
	}

	/**
	 * A table.
	 *
	 * @param name its name
	 * @param columns by name (their order in the table is deliberately not kept)
	 * @param primaryKey its columns in key order, empty if none
	 * @param foreignKeys each as {@code (a) -> other (id) ON DELETE CASCADE}
	 * @param uniques each unique constraint as its column list {@code (a, b)}
	 */
	public record Table(String name, SortedMap<String, Column> columns, List<String> primaryKey,
			SortedSet<String> foreignKeys, SortedSet<String> uniques) {

		void diff(Table is, List<String> lines) {
			String t = "table " + name + ": ";
			for (String column : union(columns.keySet(), is.columns.keySet())) {
				Column was = columns.get(column);
				Column now = is.columns.get(column);
				if (was == null) {
					lines.add(t + "column " + column + " added (" + now.definition() + ")");
				}
				else if (now == null) {
					lines.add(t + "column " + column + " missing (was " + was.definition() + ")");
				}
				else if (!was.equals(now)) {
					lines.add(t + "column " + column + " changed: " + was.changesTo(now));
				}
			}
			if (!primaryKey.equals(is.primaryKey)) {
				lines.add(t + "primary key changed: " + key(primaryKey) + " -> " + key(is.primaryKey));
			}
			setDiff(t + "foreign key ", foreignKeys, is.foreignKeys, lines);
			setDiff(t + "unique ", uniques, is.uniques, lines);
		}

		private static String key(List<String> columns) {
			return columns.isEmpty() ? "none" : list(columns);
		}

		private static void setDiff(String label, SortedSet<String> was, SortedSet<String> is, List<String> lines) {
			for (String each : union(was, is)) {
				if (!is.contains(each)) {
					lines.add(label + each + " missing");
				}
				else if (!was.contains(each)) {
					lines.add(label + each + " added");
				}
			}
		}

		public String describeColumns() {
			List<String> parts = new ArrayList<>();
			columns.values().forEach(c -> parts.add(c.name() + " " + c.definition()));
			return String.join(", ", parts);
		}

		@Override
		public String toString() {
			StringBuilder s = new StringBuilder("table " + name + " (" + describeColumns() + ")");
			if (!primaryKey.isEmpty()) {
				s.append(" primary key ").append(list(primaryKey));
			}
			uniques.forEach(u -> s.append(" unique ").append(u));
			foreignKeys.forEach(f -> s.append(" foreign key ").append(f));
			return s.toString();
		}
	}

	/**
	 * A column.
	 *
	 * @param name its name
	 * @param type the declared type, upper case, white space normalised ({@code VARCHAR(36)});
	 *     PostgreSQL's long names are shortened ({@code character varying} is {@code VARCHAR})
	 * @param notNull whether it is declared NOT NULL
	 * @param defaultValue the default expression as the catalog shows it, or null
	 * @param generated for a generated column {@code GENERATED ALWAYS AS (expression) VIRTUAL} or
	 *     {@code STORED}, else null; the expression as written, white space collapsed (SQLite keeps
	 *     only the text of {@code CREATE TABLE}), or as PostgreSQL prints it
	 */
	public record Column(String name, String type, boolean notNull, String defaultValue, String generated) {

		public String definition() {
			return type + (notNull ? " NOT NULL" : " NULL") + (defaultValue == null ? "" : " DEFAULT " + defaultValue)
					+ (generated == null ? "" : " " + generated);
		}

		String changesTo(Column now) {
			List<String> changes = new ArrayList<>();
			if (!type.equals(now.type)) {
				changes.add("type " + type + " -> " + now.type);
			}
			if (notNull != now.notNull) {
				changes.add(notNull ? "NOT NULL -> NULL" : "NULL -> NOT NULL");
			}
			if (!Objects.equals(defaultValue, now.defaultValue)) {
				changes.add("default " + (defaultValue == null ? "none" : defaultValue) + " -> "
						+ (now.defaultValue == null ? "none" : now.defaultValue));
			}
			if (!Objects.equals(generated, now.generated)) {
				changes.add((generated == null ? "not generated" : generated) + " -> "
						+ (now.generated == null ? "not generated" : now.generated));
			}
			return String.join(", ", changes);
		}
	}

	/**
	 * An index that is not a primary key or unique constraint.
	 *
	 * @param name its name
	 * @param table the table it is on
	 * @param columns its key columns or expressions in order, {@code DESC} appended where descending
	 * @param unique whether it is unique
	 * @param where the predicate of a partial index, or null
	 */
	public record Index(String name, String table, List<String> columns, boolean unique, String where) {

		public String definition() {
			return (unique ? "unique on " : "on ") + table + " " + list(columns) + (where == null ? "" : " where " + where);
		}

		@Override
		public String toString() {
			return (unique ? "unique index " : "index ") + name + " on " + table + " " + list(columns)
					+ (where == null ? "" : " where " + where);
		}
	}

	// ---- SQLite: sqlite_master and the table-valued pragma functions ----

	private static SchemaSnapshot readSqlite(Connection c) throws SQLException {
		SortedMap<String, Table> tables = new TreeMap<>();
		SortedMap<String, Index> indexes = new TreeMap<>();
		SortedMap<String, String> views = new TreeMap<>();
		SortedMap<String, String> others = new TreeMap<>();
		Map<String, String> tableSql = new TreeMap<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql "
				+ "FROM main.sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
			while (rs.next()) {
				switch (rs.getString(1)) {
					case "table" -> tableSql.put(rs.getString(2), rs.getString(4));
					case "view" -> views.put(rs.getString(2), normalise(rs.getString(4)));
					case "trigger" -> others.put("trigger " + rs.getString(2) + " on " + rs.getString(3),
							normalise(rs.getString(4)));
					default -> {
						// Indexes are read per table below, with their origin.
					}
				}
			}
		}
		for (String table : tableSql.keySet()) {
			SortedMap<String, Column> columns = new TreeMap<>();
			TreeMap<Integer, String> primaryKey = new TreeMap<>();
			Map<String, String> expressions = null;
			// table_xinfo, not table_info: it lists generated columns (hidden 2 VIRTUAL, 3 STORED); hidden 1
			// is a virtual table's hidden column, not part of its declared schema.
			try (PreparedStatement s = c.prepareStatement("SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden "
					+ "FROM pragma_table_xinfo(?) WHERE hidden <> 1")) {
				s.setString(1, table);
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						String name = rs.getString(2);
						String generated = null;
						if (rs.getInt(7) == 2 || rs.getInt(7) == 3) {
							if (expressions == null) {
								expressions = generatedExpressions(tableSql.get(table));
							}
							generated = "GENERATED ALWAYS AS (" + expressions.getOrDefault(SqlToken.lowerAscii(name),
									"<expression>") + ") " + (rs.getInt(7) == 2 ? "VIRTUAL" : "STORED");
						}
						columns.put(name, new Column(name, type(rs.getString(3)), rs.getInt(4) != 0,
								rs.getString(5), generated));
						if (rs.getInt(6) > 0) {
							primaryKey.put(rs.getInt(6), name);
						}
					}
				}
			}
			SortedSet<String> uniques = new TreeSet<>();
			try (PreparedStatement s = c.prepareStatement("SELECT l.name, l.\"unique\", l.origin, l.partial, m.sql "
					+ "FROM pragma_index_list(?) l LEFT JOIN main.sqlite_master m ON m.type = 'index' AND m.name = l.name")) {
				s.setString(1, table);
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						String name = rs.getString(1);
						String origin = rs.getString(3);
						List<String> keyColumns = sqliteIndexColumns(c, name, rs.getString(5));
						if ("u".equals(origin)) {
							uniques.add(list(keyColumns));
						}
						else if ("c".equals(origin)) {
							String where = rs.getInt(4) != 0 ? partialPredicate(rs.getString(5)) : null;
							indexes.put(name, new Index(name, table, keyColumns, rs.getInt(2) != 0, where));
						}
						// origin "pk": the primary key's own index, described by the primary key.
					}
				}
			}
			tables.put(table, new Table(table, columns, List.copyOf(primaryKey.values()), sqliteForeignKeys(c, table),
					uniques));
		}
		sqliteChecks(c, others);
		return new SchemaSnapshot(tables, indexes, views, others);
	}

	private static List<String> sqliteIndexColumns(Connection c, String index, String sql) throws SQLException {
		List<String> columns = new ArrayList<>();
		List<String> written = sql == null ? null : indexedTerms(sql);
		try (PreparedStatement s = c.prepareStatement("SELECT cid, name, \"desc\" FROM pragma_index_xinfo(?) "
				+ "WHERE key = 1 ORDER BY seqno")) {
			s.setString(1, index);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					// An expression has no name in the catalog: take it as written in CREATE INDEX.
					String name = rs.getInt(1) != -2 ? rs.getString(2)
							: written != null && written.size() > columns.size() ? written.get(columns.size()) : "<expression>";
					columns.add(rs.getInt(3) != 0 ? name + " DESC" : name);
				}
			}
		}
		return columns;
	}

	private static SortedSet<String> sqliteForeignKeys(Connection c, String table) throws SQLException {
		Map<Integer, String[]> byId = new TreeMap<>();
		Map<Integer, List<String>> from = new TreeMap<>();
		Map<Integer, List<String>> to = new TreeMap<>();
		try (PreparedStatement s = c.prepareStatement("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete "
				+ "FROM pragma_foreign_key_list(?) ORDER BY id, seq")) {
			s.setString(1, table);
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					int id = rs.getInt(1);
					byId.putIfAbsent(id, new String[] {rs.getString(2), rs.getString(5), rs.getString(6)});
					from.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(3));
					// "to" is null when the reference names no columns: the referenced table's primary key.
					to.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(4));
				}
			}
		}
		SortedSet<String> keys = new TreeSet<>();
		byId.forEach((id, ref) -> {
			List<String> target = to.get(id).contains(null) ? List.of("<primary key>") : to.get(id);
			keys.add(foreignKey(from.get(id), ref[0], target, ref[2], ref[1]));
		});
		return keys;
	}

	/**
	 * The generation expressions of a CREATE TABLE statement's generated columns, keyed by column
	 * name with ASCII letters lower-cased (SQLite's catalog has them nowhere else; an
	 * {@code ADD COLUMN} appends its column's text to the statement).
	 */
	private static Map<String, String> generatedExpressions(String createTable) {
		Map<String, String> expressions = new TreeMap<>();
		List<SqlToken> tokens = tokens(createTable);
		int depth = 0;
		String column = null;
		for (int k = 0; k < tokens.size(); k++) {
			SqlToken t = tokens.get(k);
			if (isSymbol(t, ")")) {
				depth--;
			}
			else if (isSymbol(t, "(") || depth == 1 && isSymbol(t, ",")) {
				depth += isSymbol(t, "(") ? 1 : 0;
				if (depth == 1 && k + 1 < tokens.size()) {
					column = SqlToken.lowerAscii(columnName(createTable, tokens.get(k + 1)));
				}
			}
			else if (depth == 1 && t.is("AS") && k + 1 < tokens.size() && isSymbol(tokens.get(k + 1), "(")) {
				int close = closing(tokens, k + 1);
				if (close < 0) {
					return expressions;
				}
				expressions.putIfAbsent(column, normalise(createTable.substring(tokens.get(k + 1).offset() + 1,
						tokens.get(close).offset())));
				k = close;
			}
		}
		return expressions;
	}

	/** The name a column definition starts with; a {@code [bracketed]} one is several tokens to the lexer. */
	private static String columnName(String sql, SqlToken t) {
		if (isSymbol(t, "[")) {
			int close = sql.indexOf(']', t.offset());
			return close < 0 ? "" : sql.substring(t.offset() + 1, close);
		}
		return t.identifier();
	}

	/** The index of the parenthesis that closes the one at {@code open}, or -1. */
	private static int closing(List<SqlToken> tokens, int open) {
		int depth = 0;
		for (int k = open; k < tokens.size(); k++) {
			SqlToken t = tokens.get(k);
			if (isSymbol(t, "(")) {
				depth++;
			}
			else if (isSymbol(t, ")") && --depth == 0) {
				return k;
			}
		}
		return -1;
	}

	/**
	 * CHECK constraints, which SQLite keeps only in the text of CREATE TABLE: each {@code CHECK (...)}
	 * found by the lexer, as {@code table t: CHECK (qty > 0)} in {@link #others()}.
	 */
	private static void sqliteChecks(Connection c, SortedMap<String, String> others) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, sql FROM main.sqlite_master "
				+ "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND sql LIKE '%check%'")) {
			while (rs.next()) {
				List<SqlToken> tokens = tokens(rs.getString(2));
				for (int i = 0; i + 1 < tokens.size(); i++) {
					if (tokens.get(i).is("CHECK") && isSymbol(tokens.get(i + 1), "(")) {
						others.put("table " + rs.getString(1) + ": " + check(tokens, i), "check");
					}
				}
			}
		}
	}

	/** {@code CHECK (...)} from the token at {@code at} to its closing parenthesis, spaced evenly. */
	private static String check(List<SqlToken> tokens, int at) {
		int close = closing(tokens, at + 1);
		StringBuilder s = new StringBuilder("CHECK ");
		String previous = "";
		for (int i = at + 1; i <= (close < 0 ? tokens.size() - 1 : close); i++) {
			String text = tokens.get(i).text();
			if (!previous.isEmpty() && !previous.equals("(") && !text.equals(")") && !text.equals(",")) {
				s.append(' ');
			}
			s.append(text);
			previous = text;
		}
		return s.toString();
	}

	/**
	 * The terms of a CREATE INDEX statement's column list, as written ({@code lower(title)}, with
	 * any COLLATE or ASC/DESC dropped), or null if the text cannot be read that way. Read with the
	 * lexer, so that a string, a quoted name or a name with {@code ß} (which upper-cases to two
	 * letters) cannot shift or end a term.
	 */
	private static List<String> indexedTerms(String sql) {
		List<SqlToken> tokens = tokens(sql);
		int open = columnList(tokens);
		int close = open < 0 ? -1 : closing(tokens, open);
		if (close < 0) {
			return null;
		}
		List<String> terms = new ArrayList<>();
		int depth = 0;
		int start = tokens.get(open).offset() + 1;
		for (int k = open + 1; k <= close; k++) {
			SqlToken t = tokens.get(k);
			if (isSymbol(t, "(")) {
				depth++;
			}
			else if (isSymbol(t, ")") && k < close) {
				depth--;
			}
			else if (isSymbol(t, ",") && depth == 0 || k == close) {
				terms.add(normalise(sql.substring(start, t.offset())).replaceAll("(?i)( COLLATE \\S+)?( ASC| DESC)?$", ""));
				start = t.offset() + 1;
			}
		}
		return terms;
	}

	/** The text after the WHERE that follows a partial index's column list. */
	private static String partialPredicate(String sql) {
		List<SqlToken> tokens = sql == null ? List.of() : tokens(sql);
		int open = columnList(tokens);
		int close = open < 0 ? -1 : closing(tokens, open);
		if (close >= 0 && close + 1 < tokens.size() && tokens.get(close + 1).is("WHERE")) {
			return normalise(sql.substring(tokens.get(close + 1).offset() + "WHERE".length()));
		}
		return "<partial>";
	}

	/** The tokens of one statement from the catalog, or none if the lexer cannot read it. */
	private static List<SqlToken> tokens(String sql) {
		try {
			return SqlScript.parse("sqlite_master", sql).statements().get(0).tokens();
		}
		catch (RuntimeException e) {
			return List.of();
		}
	}

	/** The index of the parenthesis opening a CREATE INDEX statement's column list, or -1. */
	private static int columnList(List<SqlToken> tokens) {
		for (int k = 0; k < tokens.size(); k++) {
			if (tokens.get(k).is("ON")) {
				for (int j = k + 1; j < tokens.size(); j++) {
					if (isSymbol(tokens.get(j), "(")) {
						return j;
					}
				}
				return -1;
			}
		}
		return -1;
	}

	private static boolean isSymbol(SqlToken t, String text) {
		return t.kind() == SqlToken.Kind.SYMBOL && t.text().equals(text);
	}

	// ---- PostgreSQL: pg_catalog, in current_schema() ----

	private static final String IN_SCHEMA = "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema() ";

	private static SchemaSnapshot readPostgres(Connection c) throws SQLException {
		SortedMap<String, SortedMap<String, Column>> columns = new TreeMap<>();
		SortedMap<String, String> views = new TreeMap<>();
		SortedMap<String, String> others = new TreeMap<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind, "
				+ "pg_get_viewdef(c.oid, true) FROM pg_class c " + IN_SCHEMA + "WHERE c.relkind IN ('r', 'p', 'v', 'm') "
				+ "ORDER BY c.relname")) {
			while (rs.next()) {
				String kind = rs.getString(2);
				if (kind.equals("r") || kind.equals("p")) {
					columns.put(rs.getString(1), new TreeMap<>());
				}
				else {
					views.put(rs.getString(1), (kind.equals("m") ? "materialized: " : "") + normalise(rs.getString(3)));
				}
			}
		}
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname, a.attname, "
				+ "format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, "
				+ "a.attgenerated "
				+ "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid " + IN_SCHEMA
				+ "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
				+ "WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped")) {
			while (rs.next()) {
				String identity = rs.getString(6);
				String defaultValue = identity != null && !identity.isEmpty()
						? "GENERATED " + (identity.equals("a") ? "ALWAYS" : "BY DEFAULT") + " AS IDENTITY" : rs.getString(5);
				// A generated column's expression is in pg_attrdef too: it is not a default. 's' STORED; 'v' VIRTUAL (18).
				String kind = rs.getString(7);
				String generated = null;
				if ("s".equals(kind) || "v".equals(kind)) {
					generated = "GENERATED ALWAYS AS (" + rs.getString(5) + ") " + (kind.equals("s") ? "STORED" : "VIRTUAL");
					defaultValue = null;
				}
				columns.get(rs.getString(1)).put(rs.getString(2), new Column(rs.getString(2),
						type(postgresType(rs.getString(3))), rs.getBoolean(4), defaultValue, generated));
			}
		}
		Map<String, List<String>> primaryKeys = new TreeMap<>();
		Map<String, SortedSet<String>> foreignKeys = new TreeMap<>();
		Map<String, SortedSet<String>> uniques = new TreeMap<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname, k.contype, "
				+ columnNames("k.conkey", "k.conrelid") + ", f.relname, " + columnNames("k.confkey", "k.confrelid")
				+ ", k.confdeltype, k.confupdtype FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
				+ IN_SCHEMA + "LEFT JOIN pg_class f ON f.oid = k.confrelid WHERE k.contype IN ('p', 'u', 'f')")) {
			while (rs.next()) {
				String table = rs.getString(1);
				List<String> keyColumns = strings(rs.getArray(3));
				switch (rs.getString(2)) {
					case "p" -> primaryKeys.put(table, keyColumns);
					case "u" -> uniques.computeIfAbsent(table, k -> new TreeSet<>()).add(list(keyColumns));
					default -> foreignKeys.computeIfAbsent(table, k -> new TreeSet<>()).add(foreignKey(keyColumns,
							rs.getString(4), strings(rs.getArray(5)), action(rs.getString(6)), action(rs.getString(7))));
				}
			}
		}
		SortedMap<String, Table> tables = new TreeMap<>();
		columns.forEach((name, cols) -> tables.put(name, new Table(name, cols, primaryKeys.getOrDefault(name, List.of()),
				foreignKeys.getOrDefault(name, new TreeSet<>()), uniques.getOrDefault(name, new TreeSet<>()))));

		SortedMap<String, Index> indexes = new TreeMap<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT i.relname, c.relname, x.indisunique, "
				+ "pg_get_expr(x.indpred, x.indrelid), am.amname, ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) "
				+ "|| CASE WHEN x.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END "
				+ "FROM generate_series(1, x.indnkeyatts) k ORDER BY k) "
				+ "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid "
				+ IN_SCHEMA + "JOIN pg_am am ON am.oid = i.relam "
				+ "WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid "
				+ "AND k.contype IN ('p', 'u', 'x'))")) {
			while (rs.next()) {
				List<String> keyColumns = new ArrayList<>(strings(rs.getArray(6)));
				if (!"btree".equals(rs.getString(5))) {
					keyColumns.set(0, "USING " + rs.getString(5) + " " + keyColumns.get(0));
				}
				String where = rs.getString(4);
				indexes.put(rs.getString(1), new Index(rs.getString(1), rs.getString(2), keyColumns, rs.getBoolean(3),
						where == null ? null : normalise(where)));
			}
		}

		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname, "
				+ "pg_get_constraintdef(k.oid, true) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
				+ IN_SCHEMA + "WHERE k.contype = 'c'")) {
			while (rs.next()) {
				others.put("table " + rs.getString(1) + ": " + normalise(rs.getString(2)), "check");
			}
		}
		// Sequences not owned by a column (an identity's or serial's goes with its column).
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_class c "
				+ IN_SCHEMA + "WHERE c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid "
				+ "AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))")) {
			while (rs.next()) {
				others.put("sequence " + rs.getString(1), "sequence");
			}
		}
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t.typname, t.typtype, "
				+ "format_type(t.typbasetype, t.typtypmod), ARRAY(SELECT e.enumlabel::text FROM pg_enum e "
				+ "WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) FROM pg_type t "
				+ "JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = current_schema() "
				+ "WHERE t.typtype IN ('e', 'd')")) {
			while (rs.next()) {
				others.put("type " + rs.getString(1), rs.getString(2).equals("e") ? "enum " + list(strings(rs.getArray(4)))
						: "domain over " + type(postgresType(rs.getString(3))));
			}
		}
		// Functions and procedures (not an extension's): signature, result and a hash of the body.
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT p.proname || '(' "
				+ "|| pg_get_function_identity_arguments(p.oid) || ')', p.prokind, pg_get_function_result(p.oid), "
				+ "md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
				+ "AND n.nspname = current_schema() WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid "
				+ "AND d.deptype = 'e')")) {
			while (rs.next()) {
				String kind = switch (rs.getString(2)) {
					case "p" -> "procedure";
					case "a" -> "aggregate";
					case "w" -> "window function";
					default -> "function";
				};
				String result = rs.getString(3);
				others.put(kind + " " + rs.getString(1), (result == null ? kind : "returns " + result) + ", body "
						+ rs.getString(4).substring(0, 8));
			}
		}
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t.tgname, c.relname, "
				+ "pg_get_triggerdef(t.oid, true) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid " + IN_SCHEMA
				+ "WHERE NOT t.tgisinternal")) {
			while (rs.next()) {
				others.put("trigger " + rs.getString(1) + " on " + rs.getString(2), normalise(rs.getString(3)));
			}
		}
		return new SchemaSnapshot(tables, indexes, views, others);
	}

	/** A subquery giving the names of the columns numbered in {@code keys} of {@code relation}, in key order. */
	private static String columnNames(String keys, String relation) {
		return "ARRAY(SELECT a.attname::text FROM unnest(" + keys + ") WITH ORDINALITY u(attnum, ord) "
				+ "JOIN pg_attribute a ON a.attrelid = " + relation + " AND a.attnum = u.attnum ORDER BY u.ord)";
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

	private static String action(String code) {
		return switch (code == null ? "a" : code) {
			case "r" -> "RESTRICT";
			case "c" -> "CASCADE";
			case "n" -> "SET NULL";
			case "d" -> "SET DEFAULT";
			default -> "NO ACTION";
		};
	}

	/** PostgreSQL's spelled-out type names, shortened to the names migrations use. */
	private static String postgresType(String type) {
		return type.replace("character varying", "varchar")
			.replace("timestamp without time zone", "timestamp")
			.replace("timestamp with time zone", "timestamptz")
			.replace("time without time zone", "time")
			.replace("time with time zone", "timetz")
			.replaceFirst("^character\\b", "char");
	}

	// ---- shared normalisation ----

	private static String foreignKey(List<String> from, String table, List<String> to, String onDelete, String onUpdate) {
		String s = list(from) + " -> " + table + " " + list(to);
		String delete = onDelete == null ? "NO ACTION" : onDelete.toUpperCase(Locale.ROOT);
		String update = onUpdate == null ? "NO ACTION" : onUpdate.toUpperCase(Locale.ROOT);
		return s + (delete.equals("NO ACTION") ? "" : " ON DELETE " + delete)
				+ (update.equals("NO ACTION") ? "" : " ON UPDATE " + update);
	}

	private static String list(List<String> items) {
		return "(" + String.join(", ", items) + ")";
	}

	/** Upper case, single spaces, no space before a parenthesis or after a comma inside one. */
	static String type(String declared) {
		if (declared == null || declared.isBlank()) {
			return "";
		}
		return declared.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ").replaceAll(" ?\\( ?", "(")
			.replaceAll(" \\)", ")").replaceAll(" ?, ?", ",");
	}

	/** White space collapsed, so that re-indenting a definition is no difference. */
	private static String normalise(String sql) {
		return sql == null ? null : sql.strip().replaceAll("\\s+", " ").replaceAll(";$", "");
	}

	private static String plural(int n, String one) {
		return plural(n, one, one + "s");
	}

	private static String plural(int n, String one, String many) {
		return n + " " + (n == 1 ? one : many);
	}
}
