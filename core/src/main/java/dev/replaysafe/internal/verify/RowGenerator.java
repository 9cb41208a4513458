package dev.replaysafe.internal.verify;

import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.dialect.SqliteDialect;
import dev.replaysafe.internal.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Synthesised rows for the tables that have none, so that backfills run over data even without
 * fixtures. Deterministic: row {@code k} of a table gets values made from {@code k} (and from the
 * parent's rows for a foreign key), so two runs over the same schema insert the same rows. Values
 * follow the column's type; NOT NULL columns get one, nullable ones too (a backfill reads them);
 * columns with a default or a generation are left to the database; a foreign key takes the parent's
 * key values, parents being filled first. A row the database refuses (a CHECK, a type it has no
 * literal for) is tried once more with the string literals of the table's CHECK constraints, then
 * the table is skipped and named.
 */
public final class RowGenerator {

	/** Rows per empty table: enough for a backfill to touch several, few enough to stay fast. */
	private static final int ROWS = 3;

	private static final Pattern FOREIGN_KEY = Pattern.compile("^\\((.*?)\\) -> (\\S+) \\((.*?)\\)");

	private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");

	private RowGenerator() {
	}

	/**
	 * Fills the empty tables of {@code schema} on {@code c} (auto-commit on).
	 *
	 * @return per table, how many rows were generated; a table skipped maps to 0
	 */
	public static Map<String, Integer> fill(Connection c, SchemaSnapshot schema) throws SQLException {
		boolean sqlite = Dialect.of(c) instanceof SqliteDialect;
		Map<String, Integer> filled = new LinkedHashMap<>();
		for (SchemaSnapshot.Table table : parentsFirst(schema)) {
			if (count(c, table.name()) > 0) {
				continue;
			}
			int inserted = 0;
			for (int k = 1; k <= ROWS; k++) {
				if (insert(c, schema, table, k, sqlite, false) || insert(c, schema, table, k, sqlite, true)) {
					inserted++;
				}
			}
			filled.put(table.name(), inserted);
		}
		return filled;
	}

	private static boolean insert(Connection c, SchemaSnapshot schema, SchemaSnapshot.Table table, int k, boolean sqlite,
			boolean fromChecks) throws SQLException {
		Map<String, String> values = new LinkedHashMap<>();
		List<String> checkStrings = fromChecks ? checkStrings(schema, table.name()) : List.of();
		for (String fk : table.foreignKeys()) {
			Matcher m = FOREIGN_KEY.matcher(fk);
			if (!m.find()) {
				continue;
			}
			List<String> from = List.of(m.group(1).split(", "));
			List<String> parent = parentRow(c, m.group(2), List.of(m.group(3).split(", ")), k);
			if (parent == null) {
				return false;
			}
			for (int i = 0; i < from.size(); i++) {
				values.put(from.get(i), parent.get(i));
			}
		}
		for (SchemaSnapshot.Column column : table.columns().values()) {
			if (values.containsKey(column.name()) || column.generated() != null || column.defaultValue() != null) {
				continue;
			}
			String value = value(column, k, sqlite, checkStrings);
			if (value == null) {
				if (column.notNull()) {
					return false;
				}
				continue;
			}
			values.put(column.name(), value);
		}
		if (values.isEmpty()) {
			return false;
		}
		String sql = "INSERT INTO " + quote(table.name()) + " (" + String.join(", ", values.keySet().stream()
			.map(RowGenerator::quote).toList()) + ") VALUES (" + String.join(", ", values.values()) + ")";
		try (Statement s = c.createStatement()) {
			s.executeUpdate(sql);
			return true;
		}
		catch (SQLException refused) {
			// A CHECK, a unique key or a type without a literal: the caller tries once more, then skips the table.
			return false;
		}
	}

	/** A literal for row {@code k} of a column of this type, or null when there is none to make. */
	private static String value(SchemaSnapshot.Column column, int k, boolean sqlite, List<String> checkStrings) {
		String type = column.type().toUpperCase(Locale.ROOT);
		if (type.contains("INT") || type.equals("SERIAL") || type.equals("BIGSERIAL")) {
			return Integer.toString(k);
		}
		if (type.contains("BOOL")) {
			return sqlite ? Integer.toString(k % 2) : (k % 2 == 1 ? "TRUE" : "FALSE");
		}
		if (type.startsWith("NUMERIC") || type.startsWith("DECIMAL") || type.contains("REAL") || type.contains("DOUBLE")
				|| type.contains("FLOAT")) {
			return k + ".5";
		}
		if (type.equals("UUID")) {
			return "'00000000-0000-4000-8000-00000000000" + k + "'";
		}
		if (type.startsWith("TIMESTAMP") || type.startsWith("DATETIME")) {
			return "'2001-02-0" + k + " 03:04:05'";
		}
		if (type.equals("DATE")) {
			return "'2001-02-0" + k + "'";
		}
		if (type.startsWith("JSON")) {
			return "'{}'";
		}
		if (type.contains("BLOB") || type.equals("BYTEA")) {
			return sqlite ? "X'0" + k + "'" : "'\\x0" + k + "'";
		}
		if (type.isEmpty() || type.contains("CHAR") || type.contains("TEXT") || type.contains("CLOB")) {
			if (!checkStrings.isEmpty()) {
				return "'" + checkStrings.get((k - 1) % checkStrings.size()).replace("'", "''") + "'";
			}
			Matcher length = Pattern.compile("\\((\\d+)\\)").matcher(type);
			String text = column.name() + " " + k;
			if (length.find()) {
				int max = Integer.parseInt(length.group(1));
				text = text.length() <= max ? text : (max >= 2 ? "g" + k : Integer.toString(k)).substring(0, Math.min(max, 2));
			}
			return "'" + text.replace("'", "''") + "'";
		}
		return null;
	}

	private static List<String> checkStrings(SchemaSnapshot schema, String table) {
		Set<String> strings = new LinkedHashSet<>();
		schema.others().forEach((key, description) -> {
			if (key.startsWith("table " + table + ": CHECK") || description.startsWith("table " + table + ": CHECK")) {
				Matcher m = STRING.matcher(key);
				while (m.find()) {
					strings.add(m.group(1).replace("''", "'"));
				}
			}
		});
		return List.copyOf(strings);
	}

	/** The parent's key values of its {@code k}-th row (wrapping around), as literals; null if it has no rows. */
	private static List<String> parentRow(Connection c, String parent, List<String> columns, int k) throws SQLException {
		String select = "SELECT " + String.join(", ", columns.stream().map(RowGenerator::quote).toList()) + " FROM "
				+ quote(parent) + " ORDER BY " + String.join(", ", columns.stream().map(RowGenerator::quote).toList());
		List<List<String>> rows = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
			while (rs.next() && rows.size() < ROWS) {
				List<String> row = new ArrayList<>();
				for (int i = 1; i <= columns.size(); i++) {
					Object v = rs.getObject(i);
					row.add(v == null ? "NULL" : v instanceof Number ? v.toString()
							: "'" + v.toString().replace("'", "''") + "'");
				}
				rows.add(row);
			}
		}
		return rows.isEmpty() ? null : rows.get((k - 1) % rows.size());
	}

	private static long count(Connection c, String table) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + quote(table))) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Tables ordered so that every table comes after the tables its foreign keys point at (cycles: as they come). */
	private static List<SchemaSnapshot.Table> parentsFirst(SchemaSnapshot schema) {
		Map<String, SchemaSnapshot.Table> left = new LinkedHashMap<>(schema.tables());
		List<SchemaSnapshot.Table> ordered = new ArrayList<>();
		while (!left.isEmpty()) {
			SchemaSnapshot.Table next = left.values().stream().filter(t -> t.foreignKeys().stream().noneMatch(fk -> {
				Matcher m = FOREIGN_KEY.matcher(fk);
				return m.find() && left.containsKey(m.group(2)) && !m.group(2).equals(t.name());
			})).findFirst().orElse(left.values().iterator().next());
			ordered.add(next);
			left.remove(next.name());
		}
		return ordered;
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}
}
