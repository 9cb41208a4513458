package dev.replaysafe.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * A plain-text description of what a database holds, for comparing a crashed-and-resumed run with
 * a clean one: every table with its columns, every index, view and constraint, each table's row
 * count, and the history as (version, success) pairs. The history table's own timing columns are
 * left out: they differ between any two runs.
 */
final class Schema {

	private Schema() {
	}

	/** The description, one sorted line per fact; {@code history} is the history table's name. */
	static List<String> describe(Db db, String history) {
		try (Connection c = db.connect()) {
			List<String> lines = new ArrayList<>();
			List<String> tables = db.kind() == TestDatabase.SQLITE ? sqlite(c, lines, history) : postgres(c, lines, history);
			for (String table : tables) {
				lines.add("rows " + table + " = " + count(c, "SELECT count(*) FROM \"" + table + "\""));
			}
			if (tables.contains(history) || exists(db, history)) {
				try (Statement s = c.createStatement();
						ResultSet rs = s.executeQuery("SELECT version, success FROM " + history + " ORDER BY version")) {
					while (rs.next()) {
						lines.add("history " + rs.getLong(1) + " " + rs.getBoolean(2));
					}
				}
			}
			return lines.stream().sorted().toList();
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/** What the database holds besides the history table and its rows: empty when nothing was written. */
	static List<String> userObjects(Db db, String history) {
		return describe(db, history).stream().filter(line -> !line.startsWith("history ")).toList();
	}

	private static boolean exists(Db db, String table) {
		return db.hasTable(table);
	}

	private static List<String> sqlite(Connection c, List<String> lines, String history) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql "
				+ "FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
			while (rs.next()) {
				String type = rs.getString(1);
				String name = rs.getString(2);
				if (name.equalsIgnoreCase(history) || rs.getString(3).equalsIgnoreCase(history)) {
					continue;
				}
				if (type.equals("table")) {
					tables.add(name);
				}
				else {
					lines.add(type + " " + name + " on " + rs.getString(3) + ": " + rs.getString(4));
				}
			}
		}
		for (String table : tables) {
			try (PreparedStatement s = c.prepareStatement(
					"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid")) {
				s.setString(1, table);
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						lines.add("column " + table + "." + rs.getString(1) + " " + rs.getString(2) + " notnull="
								+ rs.getBoolean(3) + " default=" + rs.getString(4) + " pk=" + rs.getInt(5));
					}
				}
			}
		}
		return tables;
	}

	private static List<String> postgres(Connection c, List<String> lines, String history) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind "
				+ "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
				+ "AND c.relkind IN ('r', 'v', 'm', 'S', 'p')")) {
			while (rs.next()) {
				if (!rs.getString(1).equalsIgnoreCase(history)) {
					if (rs.getString(2).equals("r") || rs.getString(2).equals("p")) {
						tables.add(rs.getString(1));
					}
					else {
						lines.add("relation " + rs.getString(1) + " kind " + rs.getString(2));
					}
				}
			}
		}
		query(c, lines, "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' nullable='"
				+ " || is_nullable || ' default=' || coalesce(column_default, 'null') FROM information_schema.columns"
				+ " WHERE table_schema = current_schema() AND table_name <> '" + history + "'");
		query(c, lines, "SELECT 'index ' || indexname || ' on ' || tablename || ': ' || indexdef FROM pg_indexes"
				+ " WHERE schemaname = current_schema() AND tablename <> '" + history + "'");
		query(c, lines, "SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint"
				+ " WHERE connamespace = current_schema()::regnamespace AND conrelid <> coalesce(to_regclass('" + history + "')::oid, 0)");
		query(c, lines, "SELECT 'function ' || p.proname FROM pg_proc p"
				+ " WHERE p.pronamespace = current_schema()::regnamespace");
		return tables;
	}

	private static void query(Connection c, List<String> lines, String sql) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				lines.add(rs.getString(1));
			}
		}
	}

	private static long count(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
