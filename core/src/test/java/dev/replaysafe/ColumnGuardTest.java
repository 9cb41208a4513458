package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * {@code ADD COLUMN IF NOT EXISTS} and {@code DROP COLUMN IF EXISTS}: native on PostgreSQL,
 * emulated on SQLite, where they must find a column exactly when SQLite would call the name a
 * duplicate (ASCII letters ignoring case, every other letter as written), generated columns included.
 */
class ColumnGuardTest {

	/**
	 * A table {@code table (id INT, existing INT)}; the guarded statements write the table as
	 * {@code written} and name {@code column}. The columns after the guarded ADDs and DROPs are
	 * listed with ASCII letters lower-cased, as both databases compare them (SQLite keeps the
	 * spelling, PostgreSQL folds unquoted names); {@code postgres*} where PostgreSQL differs, else null.
	 */
	private record Case(String table, String written, String existing, String column, String afterAdd,
			String afterDrop, String postgresAfterAdd, String postgresAfterDrop) {

		Case(String table, String written, String existing, String column, String afterAdd, String afterDrop) {
			this(table, written, existing, column, afterAdd, afterDrop, null, null);
		}
	}

	private static final String DOTTED_CAPITAL_I = "\u0130";
	private static final String DOTLESS_I = "\u0131";
	private static final String CAPITAL_SHARP_S = "\u1E9E";
	private static final String KELVIN_SIGN = "\u212A";

	private static final List<Case> CASES = List.of(
			new Case("ascii", "ASCII", "Title", "TITLE", "id, title", "id"),
			new Case("umlaut_same", "umlaut_same", "Übung", "ÜBUNG", "id, Übung", "id"),
			new Case("umlaut_lower", "umlaut_lower", "Übung", "übung", "id, Übung, übung", "id, Übung"),
			new Case("umlaut_upper", "umlaut_upper", "übung", "Übung", "id, übung, Übung", "id, übung"),
			new Case("sharp_s", "sharp_s", "straße", "STRASSE", "id, straße, strasse", "id, straße"),
			new Case("capital_sharp_s", "capital_sharp_s", "straße", "STRA" + CAPITAL_SHARP_S + "E",
					"id, straße, stra" + CAPITAL_SHARP_S + "e", "id, straße"),
			new Case("dotted_i", "dotted_i", "info", DOTTED_CAPITAL_I + "NFO", "id, info, " + DOTTED_CAPITAL_I + "nfo",
					"id, info"),
			new Case("dotted_i_same", "dotted_i_same", DOTTED_CAPITAL_I + "nfo", DOTTED_CAPITAL_I + "NFO",
					"id, " + DOTTED_CAPITAL_I + "nfo", "id"),
			new Case("dotless_i", "dotless_i", DOTLESS_I + "nfo", "INFO", "id, " + DOTLESS_I + "nfo, info",
					"id, " + DOTLESS_I + "nfo"),
			new Case("kelvin", "kelvin", "kelvin", KELVIN_SIGN + "elvin", "id, kelvin, " + KELVIN_SIGN + "elvin",
					"id, kelvin"),
			new Case("quoted_same", "quoted_same", "\"Übung\"", "Übung", "id, Übung", "id"),
			new Case("Übungen", "ÜBUNGEN", "Übung", "\"Übung\"", "id, Übung", "id"),
			// PostgreSQL takes a quoted name as written; SQLite ignores the case of ASCII letters in every name.
			new Case("quoted_ascii", "quoted_ascii", "note", "\"NOTE\"", "id, note", "id", "id, note, note", "id, note"));

	@EachDatabase
	void guardedAddsAndDropsTwiceFindExactlyTheColumnsTheDatabaseCallsTheSame(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_tables", CASES.stream()
				.map(c -> "CREATE TABLE IF NOT EXISTS " + c.table() + " (id INT, " + c.existing() + " INT);")
				.collect(Collectors.joining("\n")), "SELECT 1;")
			.migration("0002_add", CASES.stream()
				.map(c -> twice("ALTER TABLE " + c.written() + " ADD COLUMN IF NOT EXISTS " + c.column() + " INT;"))
				.collect(Collectors.joining("\n")), "SELECT 1;");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(columnsOfEachCase(db)).containsExactlyElementsOf(expected(db, true));

		dir.migration("0003_drop", CASES.stream()
			.map(c -> twice("ALTER TABLE " + c.written() + " DROP COLUMN IF EXISTS " + c.column() + ";"))
			.collect(Collectors.joining("\n")), "SELECT 1;");
		// The audit across files says a replay of 0002 would add the columns again: true, and beside the point here.
		Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.WARN).build().migrate();

		assertThat(columnsOfEachCase(db)).containsExactlyElementsOf(expected(db, false));
	}

	@EachDatabase
	void guardsSeeGeneratedColumns(Db db) {
		// SQLite adds only VIRTUAL generated columns to a table with rows; PostgreSQL 15 has only STORED ones.
		String kind = db.kind() == TestDatabase.SQLITE ? "VIRTUAL" : "STORED";
		// Built by a migration: a table made by hand before the first run would be a schema replaysafe did not build.
		MigrationDir dir = MigrationDir.create()
			.migration("0000_table", "CREATE TABLE IF NOT EXISTS g (id INT PRIMARY KEY, a INT, twice INT GENERATED ALWAYS "
					+ "AS (a * 2) STORED);\nINSERT INTO g (id, a) VALUES (1, 5) ON CONFLICT (id) DO NOTHING;",
					"DROP TABLE IF EXISTS g;")
			.migration("0001_add", twice("ALTER TABLE g ADD COLUMN IF NOT EXISTS twice INT GENERATED ALWAYS AS (a * 2) "
					+ kind + ";") + "\n" + twice("ALTER TABLE g ADD COLUMN IF NOT EXISTS thrice INT GENERATED ALWAYS AS "
							+ "(a * 3) " + kind + ";"), "SELECT 1;");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(columns(db, "g")).containsExactly("id", "a", "twice", "thrice");
		assertThat(db.queryLong("SELECT thrice FROM g")).isEqualTo(15);

		dir.migration("0002_drop", twice("ALTER TABLE g DROP COLUMN IF EXISTS twice;") + "\n"
				+ twice("ALTER TABLE g DROP COLUMN IF EXISTS thrice;"), "SELECT 1;");
		// As above: a replay of 0001 would add them again, which the audit across files reports.
		Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.WARN).build().migrate();

		assertThat(columns(db, "g")).containsExactly("id", "a");
	}

	@EachDatabase
	void aGuardedDropOnATableThatDoesNotExistFailsOnBothDatabasesInsteadOfBeingSkipped(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_drop", "ALTER TABLE missing DROP COLUMN IF EXISTS c;", "SELECT 1;");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).group(GroupMode.NEVER)
			.build().migrate()).isInstanceOf(MigrationException.class).hasMessageContaining("0001_drop.sql:1")
			.hasMessageContaining("missing");
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isZero();
	}

	private static String twice(String sql) {
		return sql + "\n" + sql;
	}

	private static List<String> expected(Db db, boolean afterAdd) {
		List<String> all = new ArrayList<>();
		for (Case c : CASES) {
			String postgres = afterAdd ? c.postgresAfterAdd() : c.postgresAfterDrop();
			String columns = db.kind() == TestDatabase.POSTGRES && postgres != null ? postgres
					: afterAdd ? c.afterAdd() : c.afterDrop();
			all.add(c.table() + ": " + lowerAscii(columns));
		}
		return all;
	}

	private static List<String> columnsOfEachCase(Db db) {
		List<String> all = new ArrayList<>();
		for (Case c : CASES) {
			all.add(c.table() + ": " + columns(db, c.table()).stream().map(ColumnGuardTest::lowerAscii)
				.collect(Collectors.joining(", ")));
		}
		return all;
	}

	/** The table's column names in table order, generated ones included. */
	private static List<String> columns(Db db, String table) {
		String sql = db.kind() == TestDatabase.SQLITE
				? "SELECT name FROM pragma_table_xinfo(?) WHERE hidden <> 1 ORDER BY cid"
				: "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
						+ "AND table_name = ? ORDER BY ordinal_position";
		try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
			s.setString(1, table);
			List<String> names = new ArrayList<>();
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					names.add(rs.getString(1));
				}
			}
			return names;
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

	/** ASCII letters lower-cased, nothing else: how both databases fold names. */
	private static String lowerAscii(String name) {
		StringBuilder s = new StringBuilder(name);
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
				s.setCharAt(i, (char) (s.charAt(i) + ('a' - 'A')));
			}
		}
		return s.toString();
	}
}
