package dev.replaysafe.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * One database a run migrates: a SQLite file or a PostgreSQL database, by JDBC URL. The PostgreSQL
 * URL carries its user and password, as {@code POSTGRES_TEST_URL} does.
 *
 * @param kind which database product
 * @param url the JDBC URL
 */
public record Database(Kind kind, String url) {

	public enum Kind {

		SQLITE, POSTGRES;

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}

		public static Kind of(String label) {
			return valueOf(label.toUpperCase(Locale.ROOT));
		}
	}

	/** The driver's own DataSource, without a pool: what a plain Java program would use. */
	public DataSource dataSource() {
		if (kind == Kind.SQLITE) {
			SQLiteDataSource ds = new SQLiteDataSource();
			ds.setUrl(url);
			return ds;
		}
		PGSimpleDataSource ds = new PGSimpleDataSource();
		ds.setURL(url);
		return ds;
	}

	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url);
	}

	/** Whether {@code table} exists: checks that a run did the work it reports. */
	public boolean hasTable(String table) throws SQLException {
		String sql = kind == Kind.SQLITE ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
				: "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() "
						+ "AND table_name = '" + table + "'";
		try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
			return rs.next() && rs.getLong(1) > 0;
		}
	}

	/** {@code serverUrl} with its database name replaced by {@code name}. */
	public static String withDatabase(String serverUrl, String name) {
		return serverUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
	}
}
