package dev.replaysafe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.replaysafe.Migration;
import dev.replaysafe.Migrator;
import dev.replaysafe.ScratchDatabases;
import dev.replaysafe.VerificationReport;
import dev.replaysafe.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The verifier's two checks, each on a scratch database of its own. */
@Command(name = "verify", mixinStandardHelpOptions = true,
		description = { "Runs the migrations on scratch databases: the replay check (every up run a second time "
				+ "changes nothing) and the down round-trip check (every down restores what its up found).",
				"On a temporary SQLite file by default (deleted afterwards); with --url jdbc:postgresql://host:port/db "
						+ "on scratch databases created on that server (the role needs CREATEDB) and dropped "
						+ "afterwards. The database named in --url itself is not changed.",
				"Exits 1 when a check fails." })
final class VerifyCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "LOCATION",
			description = "Folders of migration files (a plain path, or classpath:path).")
	List<String> locations;

	@Mixin
	ConnectionOptions connection;

	@Mixin
	EngineOptions engine;

	@Override
	public Integer call() {
		List<String> where = Locations.of(locations);
		List<Migration> migrations = Migration.load(where, getClass().getClassLoader());
		ScratchDatabases scratch = scratchDatabases();
		PrintWriter out = spec.commandLine().getOut();
		out.println("Verifying " + migrations.size() + " migration(s) from " + String.join(", ", locations) + " on "
				+ (connection.url == null || connection.url.startsWith("jdbc:sqlite:")
						? "a temporary SQLite database (deleted afterwards)"
						: "scratch databases on the server of --url (dropped afterwards)"));
		out.flush();
		boolean passed = true;
		for (Function<Verifier, VerificationReport> check : List.<Function<Verifier, VerificationReport>>of(
				Verifier::verifyReplay, Verifier::verifyDownRoundTrip)) {
			ScratchDatabases.Scratch database = scratch.create(connection.url == null ? null : connection.dataSource());
			try {
				Migrator migrator = engine.configure(Migrator.builder(database.dataSource()))
					.locations(where)
					.migrations(migrations)
					.build();
				VerificationReport report = check.apply(Verifier.of(migrator));
				out.print(Secrets.redact(report.text()));
				out.flush();
				passed &= report.passed();
			}
			finally {
				drop(database);
			}
		}
		return passed ? 0 : 1;
	}

	/**
	 * Drops a scratch database (the engine tries again while an autovacuum worker holds it). A
	 * database left behind is reported, with how to drop it by hand, and does not change what the
	 * check found.
	 */
	private void drop(ScratchDatabases.Scratch database) {
		try {
			database.close();
		}
		catch (RuntimeException e) {
			spec.commandLine().getErr().println("Warning: " + Secrets.redact(e.getMessage()));
			spec.commandLine().getErr().flush();
		}
	}

	/**
	 * A SQLite file in a new temporary folder, deleted on close; unlike the engine's own scratch, with
	 * foreign keys enforced, so that a down that breaks a reference fails here as it would in an
	 * application that turns them on.
	 */
	private static ScratchDatabases.Scratch sqliteScratch(javax.sql.DataSource live) {
		try {
			Path folder = Files.createTempDirectory("replaysafe-verify");
			DataSource dataSource = dev.replaysafe.JdbcDataSource.of(
					"jdbc:sqlite:" + folder.resolve("scratch.db") + "?foreign_keys=true", null, null);
			return new ScratchDatabases.Scratch() {

				@Override
				public DataSource dataSource() {
					return dataSource;
				}

				@Override
				public void close() {
					try (Stream<Path> files = Files.walk(folder)) {
						files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
					}
					catch (IOException e) {
						throw new UncheckedIOException(e);
					}
				}
			};
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not create a scratch SQLite database in "
					+ System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
		}
	}

	private ScratchDatabases scratchDatabases() {
		if (connection.url == null || connection.url.startsWith("jdbc:sqlite:")) {
			return VerifyCommand::sqliteScratch;
		}
		connection.requireUrl("verify");
		ScratchDatabases scratch = connection.scratchDatabases();
		if (scratch == null) {
			throw new Main.ConfigurationException("replaysafe verify creates its scratch databases on the server of "
					+ "--url, which must read jdbc:postgresql://host:port/database, not " + Secrets.redact(connection.url)
					+ " (or leave --url out for a temporary SQLite database)");
		}
		return scratch;
	}
}
