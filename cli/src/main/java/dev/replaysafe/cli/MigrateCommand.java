package dev.replaysafe.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.replaysafe.MigrateResult;
import dev.replaysafe.Migrator;
import dev.replaysafe.ScratchDatabases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Applies the pending ups, as the starter does at application start. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
		description = { "Applies every pending up to the database of --url: the same engine, lock and audit as the "
				+ "Spring Boot starter (each migration and its history row in one transaction; the audit of "
				+ "pending files stops the run before anything executes, unless --audit says otherwise)." },
		footer = { "", "Rollback is deliberately not a command: production has no rollback path. Undo a change with "
				+ "a new forward migration; downs run only in development and tests (the starter's rollback, "
				+ "'replaysafe verify')." })
final class MigrateCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "LOCATION",
			description = "Folders of migration files (a plain path, or classpath:path).")
	List<String> locations;

	@Mixin
	ConnectionOptions connection;

	@Mixin
	EngineOptions engine;

	@Mixin
	EngineOptions.Run run;

	@Override
	public Integer call() {
		connection.requireUrl("migrate");
		Migrator.Builder builder = run.configure(engine.configure(Migrator.builder(connection.dataSource())))
			.locations(Locations.of(locations))
			.classLoader(getClass().getClassLoader());
		ScratchDatabases scratch = connection.scratchDatabases();
		if (scratch != null) {
			// As the starter: a lost history is replayed on a scratch database of the same kind.
			builder.scratchDatabases(scratch);
		}
		Migrator migrator = builder.build();
		MigrateResult result = migrator.migrate();
		PrintWriter out = spec.commandLine().getOut();
		for (MigrateResult.Applied applied : result.applied()) {
			out.println("Applied " + applied.version() + " " + applied.description() + " (" + applied.duration().toMillis()
					+ " ms)");
		}
		out.println((result.applied().isEmpty() ? "Up to date" : "Applied " + result.applied().size() + " migration(s)")
				+ ": " + migrator.databaseDescription() + " is at version "
				+ (result.currentVersion() == null ? "none" : result.currentVersion()) + " ("
				+ result.duration().toMillis() + " ms)");
		out.flush();
		return 0;
	}
}
