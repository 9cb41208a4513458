package dev.replaysafe.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.replaysafe.MigrationStatus;
import dev.replaysafe.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Where each migration stands on a database: reads only, takes no lock. */
@Command(name = "info", mixinStandardHelpOptions = true,
		description = { "Shows every migration with its state on the database of --url: version, description, "
				+ "state (APPLIED, PENDING, FAILED, CHECKSUM_MISMATCH, MISSING_FILE, FUTURE, BASELINE), when it was "
				+ "installed and how long it took.", "Reads only and takes no lock; exits 0 whatever the states are." })
final class InfoCommand implements Callable<Integer> {

	enum Format {
		TEXT, JSON
	}

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "LOCATION",
			description = "Folders of migration files (a plain path, or classpath:path).")
	List<String> locations;

	@Mixin
	ConnectionOptions connection;

	@Option(names = "--table", description = "The history table (default: ${DEFAULT-VALUE}).",
			defaultValue = Migrator.DEFAULT_TABLE)
	String table;

	@Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
	Format format = Format.TEXT;

	@Override
	public Integer call() {
		connection.requireUrl("info");
		Migrator migrator = Migrator.builder(connection.dataSource()).locations(Locations.of(locations)).table(table)
			.classLoader(getClass().getClassLoader()).build();
		List<MigrationStatus> status = migrator.status();
		String database = migrator.databaseDescription();
		PrintWriter out = spec.commandLine().getOut();
		out.print(format == Format.JSON ? json(database, migrator.table(), status) : text(database, migrator.table(), status));
		out.flush();
		return 0;
	}

	private static String text(String database, String table, List<MigrationStatus> status) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "Version", "Description", "State", "Installed on", "Time" });
		for (MigrationStatus s : status) {
			rows.add(new String[] { String.valueOf(s.version()), s.description(), s.state().name(),
					s.installedOn() == null ? "" : s.installedOn().truncatedTo(ChronoUnit.SECONDS).toString(),
					s.executionTimeMs() == null ? "" : s.executionTimeMs() + " ms" });
		}
		int[] widths = new int[5];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		StringBuilder out = new StringBuilder(database).append(", history table ").append(table).append('\n');
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				// Numbers right-aligned, text left-aligned.
				String cell = i == 0 || i == 4 ? " ".repeat(widths[i] - row[i].length()) + row[i]
						: row[i] + " ".repeat(widths[i] - row[i].length());
				line.append(i == 0 ? "" : "  ").append(cell);
			}
			out.append(line.toString().stripTrailing()).append('\n');
		}
		long pending = status.stream().filter(s -> s.state() == MigrationStatus.State.PENDING).count();
		return out.append(status.size()).append(" migration(s), ").append(pending).append(" pending\n").toString();
	}

	private static String json(String database, String table, List<MigrationStatus> status) {
		StringBuilder out = new StringBuilder("{\n  \"database\": ").append(FindingFormat.string(database))
			.append(",\n  \"table\": ").append(FindingFormat.string(table)).append(",\n  \"migrations\": [");
		for (int i = 0; i < status.size(); i++) {
			MigrationStatus s = status.get(i);
			out.append(i == 0 ? "\n" : ",\n").append("    {\"version\": ").append(s.version())
				.append(", \"description\": ").append(FindingFormat.string(s.description()))
				.append(", \"state\": ").append(FindingFormat.string(s.state().name()))
				.append(", \"installedOn\": ").append(s.installedOn() == null ? "null" : FindingFormat.string(s.installedOn().toString()))
				.append(", \"executionTimeMs\": ").append(s.executionTimeMs() == null ? "null" : s.executionTimeMs())
				.append(", \"script\": ").append(s.script() == null ? "null" : FindingFormat.string(s.script()))
				.append('}');
		}
		return out.append(status.isEmpty() ? "]\n}\n" : "\n  ]\n}\n").toString();
	}
}
