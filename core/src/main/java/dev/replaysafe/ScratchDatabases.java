package dev.replaysafe;

import dev.replaysafe.internal.dialect.ScratchSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * Makes fresh, empty databases of the same kind as the application's, for checks that must build
 * the migrations from nothing ({@link DriftCheck}, the lost-history check of {@link Migrator#migrate()},
 * the verifier's Spring Boot support): a SQLite file in a temporary folder, or a database created with
 * {@code CREATE DATABASE} on the application's PostgreSQL server and dropped afterwards.
 *
 * <pre>{@code
 * Migrator.builder(dataSource)
 *     .scratchDatabases(ScratchDatabases.postgres("jdbc:postgresql://db:5432/app", "app", password))
 *     .build();
 * }</pre>
 *
 * SQLite needs nothing configured ({@link #sqlite()} is the default there). On PostgreSQL the
 * database is created through the application's own connection, so its role needs
 * {@code CREATEDB}, and is reached with the server URL and credentials given here.
 */
@FunctionalInterface
public interface ScratchDatabases {

	/**
	 * A fresh empty database next to {@code live} (the application's database: on PostgreSQL the
	 * scratch database is created through it). Close it to drop it.
	 *
	 * @param live the application's data source
	 * @return the new database; the caller closes it
	 * @throws MigrationException naming what is missing (the right to create a database, a URL)
	 */
	Scratch create(DataSource live);

	/** A scratch database; {@link #close()} drops it. */
	interface Scratch extends AutoCloseable {

		/**
		 * {@return the data source of the scratch database} Callers close the connections they take
		 * from it before they close the scratch database.
		 */
		DataSource dataSource();

		/**
		 * Drops the scratch database ({@link ScratchDatabases#sqlite()}'s deletes its file and folder).
		 *
		 * @throws MigrationException when it cannot be dropped; {@link ScratchDatabases#postgres}'s error
		 *     names the statement to run by hand
		 */
		@Override
		void close();
	}

	/**
	 * A new SQLite file in a temporary folder ({@code java.io.tmpdir}), deleted on close; needs the SQLite
	 * JDBC driver. The application's data source is not used.
	 *
	 * @return the factory; each {@code create} makes a new folder
	 */
	static ScratchDatabases sqlite() {
		return live -> {
			try {
				Path dir = Files.createTempDirectory("replaysafe-scratch");
				DataSource dataSource = JdbcDataSource.of("jdbc:sqlite:" + dir.resolve("scratch.db"), null, null);
				return new ScratchSupport.Simple(dataSource, () -> {
					try (Stream<Path> files = Files.walk(dir)) {
						files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
					}
					catch (IOException e) {
						throw new UncheckedIOException(e);
					}
				});
			}
			catch (IOException e) {
				throw new MigrationException("Could not create a scratch SQLite database in the temporary folder "
						+ System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
			}
		};
	}

	/**
	 * A new database on the application's PostgreSQL server: {@code CREATE DATABASE} through the
	 * application's connection (its role needs {@code CREATEDB}), reached at {@code jdbcUrl} with
	 * the database name replaced, and dropped {@code WITH (FORCE)} on close.
	 *
	 * @param jdbcUrl the application's URL, {@code jdbc:postgresql://host:port/database[?...]}
	 * @param username the user, or null when the URL carries it
	 * @param password the password, or null
	 * @return the factory; each {@code create} makes a database with a new name
	 * @throws MigrationException at once when {@code jdbcUrl} is not of that form
	 */
	static ScratchDatabases postgres(String jdbcUrl, String username, String password) {
		Matcher url = jdbcUrl == null ? null : ScratchSupport.PostgresScratch.URL.matcher(jdbcUrl);
		if (url == null || !url.matches()) {
			throw new MigrationException("A scratch PostgreSQL database is reached with a JDBC URL of the form "
					+ "jdbc:postgresql://host:port/database, not " + (jdbcUrl == null ? "none" : "'" + jdbcUrl + "'"));
		}
		return live -> ScratchSupport.PostgresScratch.create(live, url.group(1), url.group(3), username, password);
	}

	/**
	 * {@link #postgres} for a {@code jdbc:postgresql:} URL, {@link #sqlite()} for a {@code jdbc:sqlite:}
	 * one; null for any other URL (or none), for callers that then say what is missing.
	 *
	 * @param jdbcUrl the application's JDBC URL, or null
	 * @param username the user for PostgreSQL, or null when the URL carries it
	 * @param password the password for PostgreSQL, or null
	 * @return the factory for the URL's database, or null
	 */
	static ScratchDatabases forUrl(String jdbcUrl, String username, String password) {
		if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
			return sqlite();
		}
		if (jdbcUrl != null && ScratchSupport.PostgresScratch.URL.matcher(jdbcUrl).matches()) {
			return postgres(jdbcUrl, username, password);
		}
		return null;
	}
}
