package dev.replaysafe.bench.accuracy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A SQLite file applied to with the {@code sqlite3} CLI ({@code -bail}, the file between {@code BEGIN} and
 * {@code COMMIT} as sqlx runs it, or alone when it holds its own transaction), saved and restored as a file
 * copy, and read through sqlite-jdbc: {@code sqlite_schema} and every table's rows.
 */
final class Sqlite3Database implements ReferenceDatabase {

	private final Path work;
	private final Path saved;

	Sqlite3Database(Path dir) throws Exception {
		Files.createDirectories(dir);
		work = dir.resolve("work.db");
		saved = dir.resolve("saved.db");
	}

	@Override
	public void create() throws Exception {
		Files.deleteIfExists(work);
	}

	@Override
	public Applied apply(Path file) throws Exception {
		String read = ".read '" + file.toAbsolutePath().toString().replace("'", "''") + "'";
		String error = ReferenceDatabase.run(List.of("sqlite3", "-bail", work.toString(), "BEGIN", read, "COMMIT"), Map.of());
		if (error != null && error.contains("cannot start a transaction within a transaction")) {
			// -bail ended the process, and the open transaction died with it: nothing of the file is left.
			return new Applied(ReferenceDatabase.run(List.of("sqlite3", "-bail", work.toString(), read), Map.of()), false);
		}
		return new Applied(error, true);
	}

	@Override
	public void save() throws Exception {
		Files.copy(work, saved, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void restore() throws Exception {
		Files.copy(saved, work, StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public Snapshot snapshot() throws SQLException {
		SortedMap<String, String> objects = new TreeMap<>();
		SortedMap<String, List<String>> rows = new TreeMap<>();
		try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work); Statement s = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_schema")) {
				while (rs.next()) {
					objects.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3) + ": " + rs.getString(4));
					if (rs.getString(1).equals("table") && !rs.getString(2).startsWith("sqlite_")) {
						tables.add(rs.getString(2));
					}
				}
			}
			try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
				objects.put("pragma user_version", rs.next() ? rs.getString(1) : "");
			}
			for (String table : tables) {
				List<String> list = new ArrayList<>();
				try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
					ResultSetMetaData meta = rs.getMetaData();
					while (rs.next()) {
						StringBuilder row = new StringBuilder("(");
						for (int i = 1; i <= meta.getColumnCount(); i++) {
							Object value = rs.getObject(i);
							row.append(i > 1 ? "," : "").append(value instanceof byte[] b ? "x'" + HexFormat.of().formatHex(b) + "'" : value);
						}
						list.add(row.append(')').toString());
					}
				}
				Collections.sort(list);
				rows.put(table, list);
			}
		}
		return new Snapshot(objects, rows);
	}

	@Override
	public void close() throws Exception {
		Files.deleteIfExists(work);
		Files.deleteIfExists(saved);
	}
}
