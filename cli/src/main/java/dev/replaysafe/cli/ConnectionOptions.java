package dev.replaysafe.cli;

import java.io.PrintWriter;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import dev.replaysafe.ScratchDatabases;
import picocli.CommandLine.Option;

/**
 * The connection options, named like the starter's {@code replaysafe.url/user/password}, each
 * falling back to {@code REPLAYSAFE_URL}, {@code REPLAYSAFE_USER}, {@code REPLAYSAFE_PASSWORD}.
 */
final class ConnectionOptions {

	@Option(names = "--url", paramLabel = "JDBC-URL",
			description = "jdbc:postgresql://host:port/database or jdbc:sqlite:file.db (default: $REPLAYSAFE_URL).")
	String url;

	@Option(names = "--user", description = "The database user (default: $REPLAYSAFE_USER, or the URL's).")
	String user;

	private String password;

	@Option(names = "--password", paramLabel = "PASSWORD",
			description = "The password (default: $REPLAYSAFE_PASSWORD, or the URL's); never printed.")
	void password(String password) {
		Secrets.remember(password);
		this.password = password;
	}

	String password() {
		return password;
	}

	/** The URL, required here: a usage error when neither the option nor the environment gives one. */
	String requireUrl(String command) {
		if (url == null) {
			throw new Main.ConfigurationException("replaysafe " + command + " needs a database: give --url "
					+ "jdbc:postgresql://host:port/database (or jdbc:sqlite:file.db), or set REPLAYSAFE_URL");
		}
		if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
			throw new Main.ConfigurationException("--url " + Secrets.redact(url) + " is not a database replaysafe "
					+ "supports: give jdbc:postgresql://host:port/database or jdbc:sqlite:file.db");
		}
		rememberUrlPassword();
		return url;
	}

	private void rememberUrlPassword() {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&;]password=([^&;]*)").matcher(url);
		while (m.find()) {
			Secrets.remember(m.group(1));
		}
	}

	DataSource dataSource() {
		return new DriverDataSource(url, user, password);
	}

	/** Scratch databases next to this one (the engine's lost-history check, the verifier); null if unknown. */
	ScratchDatabases scratchDatabases() {
		return ScratchDatabases.forUrl(url, user, password);
	}

	/** A connection per call from {@link DriverManager}: a command opens few, a pool would only add start time. */
	record DriverDataSource(String url, String user, String password) implements DataSource {

		@Override
		public java.sql.Connection getConnection() throws SQLException {
			return getConnection(user, password);
		}

		@Override
		public java.sql.Connection getConnection(String user, String password) throws SQLException {
			Properties properties = new Properties();
			if (user != null) {
				properties.setProperty("user", user);
			}
			if (password != null) {
				properties.setProperty("password", password);
			}
			return DriverManager.getConnection(url, properties);
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
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

		/** Never the password (a record's default would print it). */
		@Override
		public String toString() {
			return Secrets.redact(url);
		}
	}
}
