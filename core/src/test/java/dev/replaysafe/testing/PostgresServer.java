package dev.replaysafe.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests create their databases on: {@code POSTGRES_TEST_URL} if set,
 * else a Testcontainers server if a Docker engine runs, else a clear failure (never a skip).
 */
public final class PostgresServer {

	private static String url;

	private PostgresServer() {
	}

	/** A JDBC URL with user and password whose role may create databases. */
	public static synchronized String url() {
		if (url == null) {
			url = System.getenv("POSTGRES_TEST_URL");
			if (url == null || url.isBlank()) {
				url = fromDocker();
			}
		}
		return url;
	}

	/**
	 * A JDBC URL, without a database name to fill in ({@code jdbc:postgresql://host:port/}), and the user and
	 * password of a role that may log in but not create databases: {@code POSTGRES_NOCREATEDB_URL} if set
	 * (scripts/with-postgres sets it), else a role created for the tests when the server's test role may create
	 * roles; else a clear failure (never a skip).
	 */
	public static synchronized String[] withoutCreatedb() {
		String given = System.getenv("POSTGRES_NOCREATEDB_URL");
		if (given != null && !given.isBlank()) {
			return new String[] {given.replaceFirst("^(jdbc:postgresql://[^/]+/).*$", "$1"),
					given.replaceFirst("^.*[?&]user=([^&]*).*$", "$1"), given.replaceFirst("^.*[?&]password=([^&]*).*$", "$1")};
		}
		String role = "rs_nocreatedb";
		try (java.sql.Connection c = java.sql.DriverManager.getConnection(url()); java.sql.Statement s = c.createStatement()) {
			s.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'nocreatedb'; "
					+ "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
		}
		catch (java.sql.SQLException e) {
			throw new IllegalStateException("No PostgreSQL role without CREATEDB for the tests, and the test role may not "
					+ "create one (" + e.getMessage() + "): set POSTGRES_NOCREATEDB_URL (a JDBC URL with user and password of "
					+ "a role with LOGIN NOCREATEDB), or run the tests through scripts/test, which sets it", e);
		}
		return new String[] {url().replaceFirst("^(jdbc:postgresql://[^/]+/).*$", "$1"), role, "nocreatedb"};
	}

	private static String fromDocker() {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("No PostgreSQL for the tests: set POSTGRES_TEST_URL (a JDBC URL whose "
					+ "user may CREATE DATABASE) or run them through scripts/test, which starts one; "
					+ "PostgreSQL tests never skip");
		}
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
				+ container.getUsername() + "&password=" + container.getPassword();
	}
}
