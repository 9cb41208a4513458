package dev.replaysafe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import dev.replaysafe.cli.Layouts.Conversion;
import dev.replaysafe.cli.Layouts.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Converts another tool's migration folder into replaysafe's layout, in the source tool's order.
 * Writes nothing when a target file exists; reports every placeholder down and every file it
 * could not map, with why.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
		description = { "Converts the migrations of another tool into NNNN_description.sql + .down.sql pairs in "
				+ "TARGET, in the order that tool applies them.",
				"flyway: V<version>__x.sql (+ U<version>__x.sql undo), renumbered 0001, 0002, ... in Flyway's order "
						+ "(1.1 < 1.10 < 2). sqlx: N_x.sql, N_x.up.sql + N_x.down.sql, names kept. diesel: "
						+ "<version>_x/up.sql + down.sql. golang-migrate: N_x.up.sql + N_x.down.sql. dbmate: "
						+ "N_x.sql with -- migrate:up / -- migrate:down sections. Other tools' versions are kept.",
				"A missing down is written as a comment-only placeholder and reported: the audit's empty-down rule "
						+ "fails on it until it is written. Files that cannot be mapped are listed with the reason. "
						+ "An existing TARGET file is never overwritten (exit 2, nothing written)." })
final class ImportCommand implements Callable<Integer> {

	enum Tool {
		FLYWAY("flyway", "flyway_schema_history"), SQLX("sqlx", "_sqlx_migrations"),
		DIESEL("diesel", "__diesel_schema_migrations"), GOLANG_MIGRATE("golang-migrate", "schema_migrations"),
		DBMATE("dbmate", "schema_migrations");

		final String label;

		final String historyTable;

		Tool(String label, String historyTable) {
			this.label = label;
			this.historyTable = historyTable;
		}

		static Tool of(String label) {
			for (Tool tool : values()) {
				if (tool.label.equalsIgnoreCase(label) || tool.name().equalsIgnoreCase(label)) {
					return tool;
				}
			}
			throw new Main.ConfigurationException("--from " + label + " is not a tool replaysafe imports: give "
					+ "flyway, sqlx, diesel, golang-migrate or dbmate");
		}
	}


	@Spec
	CommandSpec spec;

	@Option(names = "--from", required = true, paramLabel = "TOOL",
			description = "flyway, sqlx, diesel, golang-migrate or dbmate.")
	String from;

	@Parameters(index = "0", paramLabel = "SOURCE", description = "The other tool's migrations folder.")
	Path source;

	@Parameters(index = "1", paramLabel = "TARGET", description = "The folder to write to (created if missing).")
	Path target;


	@Override
	public Integer call() throws IOException {
		Tool tool = Tool.of(from);
		if (!Files.isDirectory(source)) {
			throw new Main.ConfigurationException("SOURCE " + source + " is not a folder: name the folder of the "
					+ tool.label + " migrations");
		}
		if (Files.exists(target) && !Files.isDirectory(target)) {
			throw new Main.ConfigurationException("TARGET " + target + " is a file, not a folder");
		}
		Layouts layouts = new Layouts(source, tool.label);
		Conversion conversion = switch (tool) {
			case FLYWAY -> layouts.flyway();
			case SQLX -> layouts.sqlx();
			case DIESEL -> layouts.diesel();
			case GOLANG_MIGRATE -> layouts.golangMigrate();
			case DBMATE -> layouts.dbmate();
		};
		PrintWriter out = spec.commandLine().getOut();
		if (conversion.items().isEmpty()) {
			report(out, conversion);
			out.println("No " + tool.label + " migrations found in " + source + "; nothing was written");
			out.flush();
			return 1;
		}
		refuseOverwrite(conversion.items());
		Files.createDirectories(target);
		List<String> placeholders = new ArrayList<>();
		out.println("Imported " + conversion.items().size() + " " + tool.label + " migration(s) from " + source + " into "
				+ target + ", in " + tool.label + "'s order:");
		for (Item item : conversion.items()) {
			Files.write(target.resolve(item.upName()), item.up());
			String downName = item.stem() + ".down.sql";
			if (item.down() == null) {
				Files.writeString(target.resolve(downName), placeholder(item), StandardCharsets.UTF_8);
				placeholders.add(downName + ": " + item.origin() + " has no down; write the statements that undo it "
						+ "(the audit fails on this placeholder: empty-down)");
			}
			else {
				Files.write(target.resolve(downName), item.down());
			}
			out.println("  " + item.origin() + " -> " + item.upName()
					+ (item.down() == null ? " + " + downName + " (placeholder)" : " + " + downName
							+ (item.downOrigin().equals(item.origin()) ? "" : " (from " + item.downOrigin() + ")")));
		}
		if (!placeholders.isEmpty()) {
			out.println("Placeholder downs (" + placeholders.size() + "):");
			placeholders.forEach(p -> out.println("  " + p));
		}
		report(out, conversion);
		out.println(takeOver(tool, conversion.items()));
		out.flush();
		return 0;
	}

	private static void report(PrintWriter out, Conversion conversion) {
		if (!conversion.notMapped().isEmpty()) {
			out.println("Not mapped (" + conversion.notMapped().size() + "):");
			new TreeMap<>(conversion.notMapped()).forEach((file, why) -> out.println("  " + file + ": " + why));
		}
		conversion.notes().forEach(note -> out.println("Note: " + note));
	}

	private static String placeholder(Item item) {
		return "-- replaysafe import: " + item.origin() + " has no down. Write the statements that undo "
				+ item.upName() + " here (DROP ... IF EXISTS, in reverse order), or, if it cannot be undone, waive it:\n"
				+ "-- replaysafe:allow empty-down <why it cannot be undone>\n";
	}

	private static String takeOver(Tool tool, List<Item> items) {
		Item last = items.get(items.size() - 1);
		String how = "To take over a database " + tool.label + " has already migrated: ";
		return switch (tool) {
			case SQLX -> how + "nothing to do. replaysafe reads sqlx's history table _sqlx_migrations as sqlx wrote it, "
					+ "and the versions and up files are kept byte for byte, so the checksums match; run replaysafe "
					+ "migrate on it as it is. (replaysafe.baseline-version, the highest version in _sqlx_migrations, is "
					+ "needed only for a copy of the schema without that table.)";
			case FLYWAY -> how + "set replaysafe.baseline-version (migrate --baseline-version) to the new number, in the "
					+ "mapping above, of the highest version flyway_schema_history shows (SELECT version FROM "
					+ "flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1); for example, if it shows "
					+ last.sourceVersion() + ", set " + Long.parseLong(last.stem().replaceFirst("_.*", "")) + ". "
					+ "The first run records the migrations up to it as applied without running them.";
			default -> how + "set replaysafe.baseline-version (migrate --baseline-version) to the highest version "
					+ tool.historyTable + " shows (SELECT max(version) FROM " + tool.historyTable
					+ (tool == Tool.GOLANG_MIGRATE ? " WHERE NOT dirty" : "") + ")" + (tool == Tool.DIESEL
							? ", written without dashes as the file names above are" : "")
					+ ": the versions are kept, and the first run records the migrations up to it as applied "
					+ "without running them.";
		};
	}

	private void refuseOverwrite(List<Item> items) throws IOException {
		Map<Long, String> existing = new HashMap<>();
		if (Files.isDirectory(target)) {
			try (Stream<Path> files = Files.list(target)) {
				files.forEach(f -> {
					Matcher m = Layouts.NUMBERED.matcher(f.getFileName().toString());
					if (m.matches() && m.group(1).length() < 19) {
						existing.putIfAbsent(Long.parseLong(m.group(1)), f.getFileName().toString());
					}
				});
			}
		}
		for (Item item : items) {
			for (String name : List.of(item.upName(), item.stem() + ".down.sql")) {
				if (Files.exists(target.resolve(name))) {
					throw new Main.ConfigurationException("TARGET file " + target.resolve(name) + " exists already; "
							+ "import never overwrites: import into an empty folder. Nothing was written");
				}
			}
			String clash = existing.get(Long.parseLong(item.stem().replaceFirst("_.*", "")));
			if (clash != null) {
				throw new Main.ConfigurationException("TARGET " + target + " already has version " + item.stem()
					.replaceFirst("_.*", "") + " (" + clash + "); import into an empty folder. Nothing was written");
			}
		}
	}
}
