package dev.replaysafe.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The databases the commands run against: a SQLite file, or a fresh database on the PostgreSQL
 * server of {@code POSTGRES_TEST_URL} (scripts/test sets it). Without that variable a PostgreSQL
 * test fails, it never skips.
 */
final class Databases {

	private static final Pattern POSTGRES = Pattern.compile("(jdbc:postgresql://[^/]+/)[^?]*\\?(.*)");

	/** A database: its URL without credentials, and the credentials given separately (as --user / --password). */
	record Database(String url, String user, String password, AutoCloseable drop) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			drop.close();
		}

		String[] options() {
			return user == null ? new String[] { "--url", url }
					: new String[] { "--url", url, "--user", user, "--password", password };
		}
	}

	private Databases() {
	}

	static Database sqlite(Path folder) {
		return new Database("jdbc:sqlite:" + folder.resolve("app.db"), null, null, () -> {
		});
	}

	/** The test server's URL, with user and password, of a role that may create databases. */
	static String postgresServer() {
		String url = System.getenv("POSTGRES_TEST_URL");
		if (url == null || url.isBlank()) {
			throw new IllegalStateException("No PostgreSQL for the tests: set POSTGRES_TEST_URL (a JDBC URL whose user "
					+ "may CREATE DATABASE), or run them through scripts/test, which starts one; PostgreSQL tests never skip");
		}
		return url;
	}

	/** A new empty database on the test server, dropped on close. */
	static Database postgres() throws SQLException {
		String server = postgresServer();
		Matcher m = POSTGRES.matcher(server);
		if (!m.matches()) {
			throw new IllegalStateException("POSTGRES_TEST_URL must read jdbc:postgresql://host:port/db?user=...&password=..., "
					+ "not " + server);
		}
		String name = "cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		String user = parameter(m.group(2), "user");
		String password = parameter(m.group(2), "password");
		return new Database(m.group(1) + name, user, password, () -> {
			try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
				s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		});
	}

	private static String parameter(String query, String name) {
		for (String pair : query.split("&")) {
			if (pair.startsWith(name + "=")) {
				return pair.substring(name.length() + 1);
			}
		}
		return null;
	}

	/** The number of rows of a table, read with the test's own connection. */
	static long count(Database database, String table) throws SQLException {
		try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
				Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
