package dev.replaysafe.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

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
			try (ScratchDatabases.Scratch database = scratch.create(
					connection.url == null ? null : connection.dataSource())) {
				Migrator migrator = engine.configure(Migrator.builder(database.dataSource()))
					.locations(where)
					.migrations(migrations)
					.build();
				VerificationReport report = check.apply(Verifier.of(migrator));
				out.print(Secrets.redact(report.text()));
				out.flush();
				passed &= report.passed();
			}
		}
		return passed ? 0 : 1;
	}

	private ScratchDatabases scratchDatabases() {
		if (connection.url == null) {
			return ScratchDatabases.sqlite();
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
