package dev.replaysafe.maven;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A connection per call from the driver that accepts the URL, found among the plugin's own dependencies:
 * a Maven build has no pool, and {@code DriverManager} sees only drivers of the class loader that
 * started it, which is not the plugin's.
 */
final class JdbcDataSource implements DataSource {

	private final Driver driver;
	private final String url;
	private final String user;
	private final String password;

	private JdbcDataSource(Driver driver, String url, String user, String password) {
		this.driver = driver;
		this.url = url;
		this.user = user;
		this.password = password;
	}

	/** A DataSource for {@code url}, or null when no driver on the plugin's class path accepts it. */
	static JdbcDataSource of(String url, String user, String password) throws SQLException {
		JdbcDataSource found = null;
		for (Driver driver : loadDrivers()) {
			if (found == null && driver.acceptsURL(url)) {
				found = new JdbcDataSource(driver, url, user, password);
			}
		}
		return found;
	}

	/**
	 * Loads every driver of the plugin's class path. Loading one registers it with DriverManager too, which
	 * the engine's scratch databases connect through.
	 */
	static Iterable<Driver> loadDrivers() {
		return ServiceLoader.load(Driver.class, JdbcDataSource.class.getClassLoader()).stream()
			.map(ServiceLoader.Provider::get)
			.toList();
	}

	/** The URL without its parameters, which may hold a password: for messages. */
	static String withoutParameters(String url) {
		return url.replaceFirst("\\?.*$", "");
	}

	@Override
	public Connection getConnection() throws SQLException {
		return getConnection(user, password);
	}

	@Override
	public Connection getConnection(String user, String password) throws SQLException {
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		Connection c = driver.connect(url, properties);
		if (c == null) {
			throw new SQLException("The driver " + driver.getClass().getName() + " does not accept " + withoutParameters(url));
		}
		return c;
	}

	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("not a wrapper of " + type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	@Override
	public String toString() {
		return withoutParameters(url);
	}
}
