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
