package dev.replaysafe.maven;

import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

import dev.replaysafe.AuditMode;
import dev.replaysafe.Migrator;

/**
 * The goals that connect to a database. Parameters are named as the starter's properties
 * ({@code replaysafe.url}, {@code replaysafe.table}, ...), which are also their user properties.
 */
abstract class AbstractDatabaseMojo extends AbstractReplaysafeMojo {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

	/** The JDBC URL: {@code jdbc:sqlite:path/to/app.db} or {@code jdbc:postgresql://host:port/database}. */
	@Parameter(property = "replaysafe.url")
	String url;

	/** The database user, when the URL does not carry it. */
	@Parameter(property = "replaysafe.user")
	String user;

	/** The database password, when the URL does not carry it. */
	@Parameter(property = "replaysafe.password")
	String password;

	/** The history table, {@code [schema.]name}. */
	@Parameter(property = "replaysafe.table", defaultValue = Migrator.DEFAULT_TABLE)
	String table;

	/** The URL, or a configuration error naming the parameter and the property when it is missing. */
	String requireUrl() throws MojoExecutionException {
		if (url == null || url.isBlank()) {
			throw new MojoExecutionException("The replaysafe:" + goal() + " goal needs a database: set <url> in the "
					+ "plugin's <configuration> or -Dreplaysafe.url=... (jdbc:sqlite:target/app.db, "
					+ "jdbc:postgresql://host:5432/app)");
		}
		return url.strip();
	}

	abstract String goal();

	/** A DataSource for {@code url} from the plugin's drivers, or a configuration error naming what is missing. */
	DataSource dataSource(String url) throws MojoExecutionException {
		try {
			DataSource dataSource = JdbcDrivers.of(url, user, password);
			if (dataSource == null) {
				throw new MojoExecutionException("No JDBC driver accepts the URL " + JdbcDrivers.withoutParameters(url)
						+ " (replaysafe.url): the plugin brings SQLite's (jdbc:sqlite:) and PostgreSQL's "
						+ "(jdbc:postgresql:); for another database add its driver as a <dependency> of the plugin");
			}
			return dataSource;
		}
		catch (SQLException e) {
			throw new MojoExecutionException("Could not load the JDBC drivers: " + e.getMessage(), e);
		}
	}

	/** An engine on {@code dataSource} with this goal's files and history table. */
	Migrator.Builder migrator(DataSource dataSource) {
		return Migrator.builder(dataSource).locations(locations()).table(table).classLoader(getClass().getClassLoader());
	}

	/** {@code fail}, {@code warn} or {@code off}, in any case, as the starter's {@code replaysafe.audit}. */
	static AuditMode auditMode(String value) throws MojoExecutionException {
		try {
			return AuditMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException e) {
			throw new MojoExecutionException("audit (replaysafe.audit) is '" + value + "'; it must be fail (findings "
					+ "stop the run before anything executes), warn (log them) or off");
		}
	}

	/**
	 * A duration as the starter's properties take it: {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms},
	 * {@code 2d}, a bare number of milliseconds, or ISO-8601 ({@code PT5M}).
	 */
	static Duration duration(String parameter, String value) throws MojoExecutionException {
		String v = value.strip();
		try {
			if (v.toUpperCase(Locale.ROOT).startsWith("P")) {
				return Duration.parse(v);
			}
			Matcher m = DURATION.matcher(v.toLowerCase(Locale.ROOT));
			if (m.matches()) {
				long n = Long.parseLong(m.group(1));
				return switch (m.group(2) == null ? "ms" : m.group(2)) {
					case "s" -> Duration.ofSeconds(n);
					case "m" -> Duration.ofMinutes(n);
					case "h" -> Duration.ofHours(n);
					case "d" -> Duration.ofDays(n);
					default -> Duration.ofMillis(n);
				};
			}
		}
		catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
			// reported below
		}
		throw new MojoExecutionException(parameter + " is '" + value + "', which is no duration; write it as 30s, 5m, "
				+ "1h, 500ms or ISO-8601 (PT5M)");
	}
}
