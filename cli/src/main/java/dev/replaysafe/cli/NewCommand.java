package dev.replaysafe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Creates the next up and down pair. */
@Command(name = "new", mixinStandardHelpOptions = true,
		description = { "Creates the next migration: NNNN_description.sql and NNNN_description.down.sql, numbered "
				+ "after the highest version in the folder, as wide as its files' numbers (4 digits in an empty "
				+ "folder), with the description in lower_snake_case.",
				"The down starts with a comment only: the audit (empty-down) fails until the down is written." })
final class NewCommand implements Callable<Integer> {

	private static final Pattern MIGRATION = Pattern.compile("(\\d+)_.+?(\\.up|\\.down)?\\.sql");

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "DESCRIPTION",
			description = "What the migration does (words are joined: add user email).")
	java.util.List<String> description;

	@Option(names = "--dir", paramLabel = "LOCATION",
			description = "The folder of migration files (default: ${DEFAULT-VALUE}); it must exist.",
			defaultValue = "src/main/resources/db/migrations")
	String dir;

	@Override
	public Integer call() throws IOException {
		Path folder = Path.of(dir.startsWith("filesystem:") ? dir.substring("filesystem:".length()) : dir);
		if (!Files.isDirectory(folder)) {
			throw new Main.ConfigurationException("--dir " + dir + " is not a folder: create it, or name the folder "
					+ "of your migrations with --dir (default src/main/resources/db/migrations)");
		}
		String name = snake(String.join(" ", description));
		if (name.isEmpty()) {
			throw new Main.ConfigurationException("The description '" + String.join(" ", description) + "' has no "
					+ "letters or digits: describe what the migration does (add user email)");
		}
		Next next = next(folder);
		String stem = next.version() + "_" + name;
		Path up = folder.resolve(stem + (next.upSuffix() ? ".up.sql" : ".sql"));
		Path down = folder.resolve(stem + ".down.sql");
		for (Path p : new Path[] { up, down }) {
			if (Files.exists(p)) {
				throw new Main.ConfigurationException(p + " exists already; nothing was written");
			}
		}
		Files.writeString(up, "-- " + stem + ": write the change here, replay-safe (CREATE TABLE IF NOT EXISTS ..., "
				+ "ALTER TABLE t ADD COLUMN IF NOT EXISTS ...)\n", StandardCharsets.UTF_8);
		Files.writeString(down, "-- Undo " + up.getFileName() + " here, in reverse order (DROP TABLE IF EXISTS ..., "
				+ "ALTER TABLE t DROP COLUMN IF EXISTS ...)\n", StandardCharsets.UTF_8);
		spec.commandLine().getOut().println("Created " + up + "\nCreated " + down);
		spec.commandLine().getOut().flush();
		return 0;
	}

	/** Lower-case words joined by {@code _}: what the engine reads back as the description. */
	static String snake(String text) {
		return text.strip().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
	}

	/** The next version, zero-padded like the highest existing one, and whether its up is named {@code .up.sql}. */
	private static Next next(Path folder) {
		long highest = 0;
		String highestDigits = null;
		boolean upSuffix = false;
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Matcher m = MIGRATION.matcher(file.getFileName().toString());
				if (!m.matches() || !Files.isRegularFile(file)) {
					continue;
				}
				long version = Long.parseLong(m.group(1));
				if (highestDigits == null || version > highest) {
					highest = version;
					highestDigits = m.group(1);
					upSuffix = false;
				}
				if (version == highest && ".up".equals(m.group(2))) {
					upSuffix = true;
				}
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("Could not list " + folder + ": " + e.getMessage(), e);
		}
		int width = highestDigits == null ? 4 : highestDigits.length();
		String version = String.valueOf(highest + 1);
		return new Next("0".repeat(Math.max(0, width - version.length())) + version, upSuffix);
	}

	private record Next(String version, boolean upSuffix) {
	}
}
