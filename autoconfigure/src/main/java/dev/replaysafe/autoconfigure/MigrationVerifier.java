package dev.replaysafe.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.ScratchDatabases;
import dev.replaysafe.VerificationReport;
import dev.replaysafe.Verifier;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * Proves the application's migrations replay-safe and reversible, for tests:
 * <pre>{@code
 * @SpringBootTest
 * @ActiveProfiles("test")
 * class MigrationsTest {
 *     @Autowired MigrationVerifier verifier;
 *     @Test void upsAreReplaySafe() { verifier.assertReplaySafe(); }
 *     @Test void downsReturnToBaseline() { verifier.assertDownRoundTrip(); }
 * }
 * }</pre>
 * Available under the profiles of {@code replaysafe.rollback-profiles} only (default dev, test).
 *
 * <p>The application's database was migrated when the context started, and a check needs an
 * empty one, so every check runs core's {@link Verifier} on a <em>fresh scratch database of the
 * same kind</em>, with the application's migration files and settings, and drops it afterwards:
 * a new SQLite file in a temporary folder, or a new PostgreSQL database on the application's
 * server ({@link ScratchDatabases}: created with the application's connection, whose role therefore needs
 * {@code CREATEDB}; reached with the URL and credentials of the context's
 * {@link JdbcConnectionDetails}, which {@code spring.datasource.*} and {@code @ServiceConnection}
 * provide). The application's own database and data are never touched.
 *
 * <p>Fixtures ({@code replaysafe.fixture-locations}, default {@code classpath:db/fixtures}, so
 * typically {@code src/test/resources/db/fixtures}) give the tables rows: {@code NNNN_description.sql}
 * is loaded right after up {@code NNNN}, and both checks then compare every row.
 */
public class MigrationVerifier {

	private final Migrator migrator;

	private final JdbcConnectionDetails connectionDetails;

	private final List<String> fixtureLocations;

	/**
	 * @param migrator the application's engine: its files and settings are verified
	 * @param connectionDetails how to reach the application's PostgreSQL server; may be null for SQLite
	 */
	public MigrationVerifier(Migrator migrator, JdbcConnectionDetails connectionDetails) {
		this(migrator, connectionDetails, List.of(Verifier.DEFAULT_FIXTURE_LOCATION));
	}

	/**
	 * @param migrator the application's engine: its files and settings are verified
	 * @param connectionDetails how to reach the application's PostgreSQL server; may be null for SQLite
	 * @param fixtureLocations where the fixtures are ({@code replaysafe.fixture-locations})
	 */
	public MigrationVerifier(Migrator migrator, JdbcConnectionDetails connectionDetails, List<String> fixtureLocations) {
		this.migrator = migrator;
		this.connectionDetails = connectionDetails;
		this.fixtureLocations = List.copyOf(fixtureLocations);
	}

	/** Every up runs a second time without error and without changing schema or rows; else AssertionError. */
	public void assertReplaySafe() {
		onScratch(verifier -> {
			verifier.assertReplaySafe();
			return null;
		});
	}

	/** Every down returns the schema to where its up found it, down to empty; else AssertionError. */
	public void assertDownRoundTrip() {
		onScratch(verifier -> {
			verifier.assertDownRoundTrip();
			return null;
		});
	}

	/** The replay check's report, passed or not. */
	public VerificationReport verifyReplay() {
		return onScratch(Verifier::verifyReplay);
	}

	/** The down round-trip check's report, passed or not. */
	public VerificationReport verifyDownRoundTrip() {
		return onScratch(Verifier::verifyDownRoundTrip);
	}

	private <T> T onScratch(Function<Verifier, T> check) {
		try (ScratchDatabases.Scratch scratch = createScratch()) {
			Migrator copy = Migrator.builder(scratch.dataSource())
				.migrations(this.migrator.migrations())
				.locations(this.migrator.locations())
				.table(this.migrator.table())
				.audit(this.migrator.auditMode())
				.databases(this.migrator.databases().toArray(dev.replaysafe.Audit.Database[]::new))
				.lockTimeout(this.migrator.lockTimeout())
				.validateChecksums(this.migrator.validateChecksums())
				.ignoreMissing(this.migrator.ignoreMissing())
				.build();
			return check.apply(Verifier.of(copy).fixtures(this.fixtureLocations.toArray(String[]::new)));
		}
	}

	private ScratchDatabases.Scratch createScratch() {
		DataSource live = this.migrator.dataSource();
		String product = product(live);
		if (product.equals("SQLite")) {
			return ScratchDatabases.sqlite().create(live);
		}
		if (product.equals("PostgreSQL")) {
			String url = (this.connectionDetails != null) ? this.connectionDetails.getJdbcUrl() : null;
			if (url == null || !url.startsWith("jdbc:postgresql://")) {
				throw new MigrationException("MigrationVerifier needs to create a scratch PostgreSQL database next to "
						+ "the application's, and could not tell how to reach the server: configure the DataSource with "
						+ "spring.datasource.url=jdbc:postgresql://host:port/database (and username/password) or a "
						+ "@ServiceConnection, rather than a DataSource bean of your own");
			}
			return ScratchDatabases
				.postgres(url, this.connectionDetails.getUsername(), this.connectionDetails.getPassword())
				.create(live);
		}
		throw new MigrationException("MigrationVerifier supports SQLite and PostgreSQL, not " + product);
	}

	private static String product(DataSource dataSource) {
		try (Connection c = dataSource.getConnection()) {
			return c.getMetaData().getDatabaseProductName();
		}
		catch (SQLException ex) {
			throw new MigrationException("MigrationVerifier could not reach the application's database: "
					+ ex.getMessage(), ex);
		}
	}

}
