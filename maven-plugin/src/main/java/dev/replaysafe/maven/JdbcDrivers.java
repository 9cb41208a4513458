package dev.replaysafe.maven;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.ServiceLoader;

import javax.sql.DataSource;

import dev.replaysafe.JdbcDataSource;

/**
 * A connection per call from the driver that accepts the URL, found among the plugin's own dependencies:
 * a Maven build has no pool, and {@code DriverManager} sees only drivers of the class loader that
 * started it, which is not the plugin's.
 */
final class JdbcDrivers {

	private JdbcDrivers() {
	}

	/** A DataSource for {@code url}, or null when no driver on the plugin's class path accepts it. */
	static DataSource of(String url, String user, String password) throws SQLException {
		DataSource found = null;
		for (Driver driver : loadDrivers()) {
			if (found == null && driver.acceptsURL(url)) {
				found = JdbcDataSource.of(driver, url, user, password);
			}
		}
		return found;
	}

	/**
	 * Loads every driver of the plugin's class path. Loading one registers it with DriverManager too, which
	 * the engine's scratch databases connect through.
	 */
	static Iterable<Driver> loadDrivers() {
		return ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader()).stream()
			.map(ServiceLoader.Provider::get)
			.toList();
	}

	/** The URL without its parameters, which may hold a password: for messages. */
	static String withoutParameters(String url) {
		return url.replaceFirst("\\?.*$", "");
	}
}
