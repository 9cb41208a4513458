package dev.replaysafe.cli;


import javax.sql.DataSource;

import dev.replaysafe.JdbcDataSource;
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
		return JdbcDataSource.of(url, user, password);
	}

	/** Scratch databases next to this one (the engine's lost-history check, the verifier); null if unknown. */
	ScratchDatabases scratchDatabases() {
		return ScratchDatabases.forUrl(url, user, password);
	}
}
