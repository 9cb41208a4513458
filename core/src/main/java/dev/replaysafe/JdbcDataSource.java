package dev.replaysafe;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that opens a new connection on each call, from a JDBC URL: for tools that
 * run a few statements and stop (the command line, the Maven plugin, the verifier's scratch
 * databases), where a pool would only add start-up time. An application gives the engine its pool.
 */
public final class JdbcDataSource implements DataSource {

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

	/**
	 * Connections from {@link DriverManager}.
	 *
	 * @param url the JDBC URL
	 * @param user the user, or null for the URL's (or none)
	 * @param password the password, or null
	 * @return the data source
	 */
	public static JdbcDataSource of(String url, String user, String password) {
		return new JdbcDataSource(null, url, user, password);
	}

	/**
	 * Connections from one driver, for a caller whose class loader {@code DriverManager} does not
	 * see (a Maven plugin's).
	 *
	 * @param driver the driver that accepts {@code url}
	 * @param url the JDBC URL
	 * @param user the user, or null for the URL's (or none)
	 * @param password the password, or null
	 * @return the data source
	 */
	public static JdbcDataSource of(Driver driver, String url, String user, String password) {
		return new JdbcDataSource(driver, url, user, password);
	}

	/** {@return a new connection with this data source's user and password} */
	@Override
	public Connection getConnection() throws SQLException {
		return getConnection(user, password);
	}

	/**
	 * A new connection with the given login.
	 *
	 * @param user the user, or null for the URL's
	 * @param password the password, or null
	 * @return the connection
	 * @throws SQLException when the database refuses it, or the driver does not accept the URL
	 */
	@Override
	public Connection getConnection(String user, String password) throws SQLException {
		if (driver == null) {
			return user == null && password == null ? DriverManager.getConnection(url)
					: DriverManager.getConnection(url, user, password);
		}
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		if (password != null) {
			properties.setProperty("password", password);
		}
		Connection c = driver.connect(url, properties);
		if (c == null) {
			throw new SQLException("The driver " + driver.getClass().getName() + " does not accept " + this);
		}
		return c;
	}

	/** {@return null: this data source does not log} */
	@Override
	public PrintWriter getLogWriter() {
		return null;
	}

	/** Ignored: this data source does not log. */
	@Override
	public void setLogWriter(PrintWriter out) {
	}

	/** Ignored: the driver's own timeout applies. */
	@Override
	public void setLoginTimeout(int seconds) {
	}

	/** {@return 0: the driver's own timeout applies} */
	@Override
	public int getLoginTimeout() {
		return 0;
	}

	/** Not supported: this data source logs nothing. */
	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	/** {@return this, when it is a {@code type}} */
	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("not a wrapper of " + type);
	}

	/** {@return whether this is a {@code type}} */
	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

	/** {@return the URL without its parameters, which may hold a password} */
	@Override
	public String toString() {
		return url.replaceFirst("\\?.*$", "");
	}
}
