package dev.replaysafe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

	private static final Pattern FLYWAY_VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

	private static final Pattern NUMBERED = Pattern.compile("(\\d+)_(.*?)(\\.up|\\.down)?\\.sql");

	private static final Pattern GOLANG = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.sql");

	private static final Pattern DIESEL_FOLDER = Pattern.compile("(\\d[\\d-]*)_(.+)");

	private static final Pattern DBMATE_MARKER = Pattern.compile("^--\\s*migrate:(up|down)\\b(.*)$");

	private static final String NO_TRANSACTION = "-- replaysafe:no-transaction\n";

	@Spec
	CommandSpec spec;

	@Option(names = "--from", required = true, paramLabel = "TOOL",
			description = "flyway, sqlx, diesel, golang-migrate or dbmate.")
	String from;

	@Parameters(index = "0", paramLabel = "SOURCE", description = "The other tool's migrations folder.")
	Path source;

	@Parameters(index = "1", paramLabel = "TARGET", description = "The folder to write to (created if missing).")
	Path target;

	/** One migration to write: its target stem, its origin and version there, its up, its down (null: a placeholder). */
	record Item(String stem, String upName, String origin, String sourceVersion, byte[] up, String downOrigin, byte[] down) {
	}

	/** What the conversion found: the migrations in order, and what it could not map (file, why). */
	record Conversion(List<Item> items, Map<String, String> notMapped, List<String> notes) {
	}

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
		Conversion conversion = switch (tool) {
			case FLYWAY -> flyway();
			case SQLX -> sqlx();
			case DIESEL -> diesel();
			case GOLANG_MIGRATE -> golangMigrate();
			case DBMATE -> dbmate();
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

	private String takeOver(Tool tool, List<Item> items) {
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
					Matcher m = NUMBERED.matcher(f.getFileName().toString());
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

	// Flyway: V<version>__<description>.sql anywhere below the folder (Flyway scans sub-folders),
	// U<version>__ undo files as downs; versions compared part by part as numbers.
	private Conversion flyway() throws IOException {
		Map<String, String> notMapped = new LinkedHashMap<>();
		TreeMap<List<BigInteger>, Path> ups = new TreeMap<>(FLYWAY_ORDER);
		Map<List<BigInteger>, Path> undos = new HashMap<>();
		List<String> notes = new ArrayList<>();
		for (Path file : walk(source)) {
			String name = file.getFileName().toString();
			Matcher m = FLYWAY_VERSIONED.matcher(name);
			if (m.matches()) {
				List<BigInteger> version = flywayVersion(m.group(2));
				Map<List<BigInteger>, Path> into = m.group(1).equals("V") ? ups : undos;
				Path other = into.putIfAbsent(version, file);
				if (other != null) {
					notMapped.put(relative(file), "the same version as " + relative(other) + " (Flyway refuses both); "
							+ "only " + relative(other) + " was imported");
				}
			}
			else {
				notMapped.put(relative(file), flywayWhy(name));
			}
		}
		undos.forEach((version, file) -> {
			if (!ups.containsKey(version)) {
				notMapped.put(relative(file), "an undo migration without its versioned migration V" + m(version));
			}
		});
		List<Item> items = new ArrayList<>();
		int width = Math.max(4, String.valueOf(ups.size()).length());
		int number = 0;
		for (Map.Entry<List<BigInteger>, Path> entry : ups.entrySet()) {
			number++;
			Matcher m = FLYWAY_VERSIONED.matcher(entry.getValue().getFileName().toString());
			m.matches();
			String stem = pad(number, width) + "_" + description(m.group(3));
			byte[] up = Files.readAllBytes(entry.getValue());
			if (new String(up, StandardCharsets.UTF_8).contains("${")) {
				notes.add(relative(entry.getValue()) + " contains ${...}: Flyway replaces placeholders, replaysafe runs "
						+ "the SQL as written; replace them in " + stem + ".sql");
			}
			Path undo = undos.get(entry.getKey());
			items.add(new Item(stem, stem + ".sql", relative(entry.getValue()), m(entry.getKey()), nonEmpty(up, notes, stem),
					undo == null ? null : relative(undo), undo == null ? null : Files.readAllBytes(undo)));
		}
		return new Conversion(items, notMapped, notes);
	}

	private static String flywayWhy(String name) {
		if (name.startsWith("R__")) {
			return "a repeatable migration (Flyway re-runs it whenever it changes) has no replaysafe equivalent; "
					+ "add its SQL as a versioned migration, guarded to run again (DROP VIEW IF EXISTS v; CREATE VIEW v ...)";
		}
		if (name.endsWith(".java") || name.endsWith(".class") || name.endsWith(".kt")) {
			return "a Java migration: replaysafe runs SQL files only; write what it does as a SQL migration";
		}
		if (name.matches("B\\d+(?:[._]\\d+)*__.+\\.sql")) {
			return "a baseline migration (the schema at that version for new databases): replaysafe builds new "
					+ "databases from the versioned migrations; adopt existing ones with replaysafe.baseline-version";
		}
		return "not a Flyway versioned migration (V<version>__<description>.sql); callbacks and other files have "
				+ "no replaysafe equivalent";
	}

	private static final Comparator<List<BigInteger>> FLYWAY_ORDER = (a, b) -> {
		for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
			int c = (i < a.size() ? a.get(i) : BigInteger.ZERO).compareTo(i < b.size() ? b.get(i) : BigInteger.ZERO);
			if (c != 0) {
				return c;
			}
		}
		return 0;
	};

	/** Flyway's version: parts split at {@code .} or {@code _}, trailing zero parts not counting (1.0 is 1). */
	private static List<BigInteger> flywayVersion(String text) {
		List<BigInteger> parts = new ArrayList<>();
		for (String part : text.split("[._]")) {
			parts.add(new BigInteger(part));
		}
		while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
			parts.remove(parts.size() - 1);
		}
		return parts;
	}

	private static String m(List<BigInteger> version) {
		return String.join(".", version.stream().map(BigInteger::toString).toList());
	}

	// sqlx: N_x.sql (simple, no down) or N_x.up.sql + N_x.down.sql, directly in the folder. Names and
	// bytes are kept, so a database sqlx migrated is read as it is.
	private Conversion sqlx() throws IOException {
		Map<String, String> notMapped = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		TreeMap<Long, Path> ups = new TreeMap<>();
		Map<Long, Path> downs = new HashMap<>();
		for (Path file : list(source, notMapped)) {
			String name = file.getFileName().toString();
			Matcher m = NUMBERED.matcher(name);
			Long version = m.matches() && !m.group(2).isEmpty() ? version(m.group(1), file, notMapped) : null;
			if (version == null) {
				notMapped.putIfAbsent(relative(file), "not an sqlx migration (<version>_<description>.sql, "
						+ ".up.sql or .down.sql)");
				continue;
			}
			Map<Long, Path> into = ".down".equals(m.group(3)) ? downs : ups;
			Path other = into.putIfAbsent(version, file);
			if (other != null) {
				notMapped.put(relative(file), "the same version as " + relative(other) + "; only " + relative(other)
						+ " was imported");
			}
		}
		downs.forEach((version, file) -> {
			if (!ups.containsKey(version)) {
				notMapped.put(relative(file), "a down without its up");
			}
		});
		List<Item> items = new ArrayList<>();
		for (Map.Entry<Long, Path> entry : ups.entrySet()) {
			Path up = entry.getValue();
			String name = up.getFileName().toString();
			String stem = name.replaceFirst("(\\.up)?\\.sql$", "");
			Path downFile = downs.get(entry.getKey());
			if (downFile != null && !downFile.getFileName().toString().equals(stem + ".down.sql")) {
				notMapped.put(relative(downFile), "its name differs from its up's (" + name + "): replaysafe "
						+ "needs " + stem + ".down.sql; a placeholder was written instead");
				downFile = null;
			}
			items.add(new Item(stem, name, relative(up), String.valueOf(entry.getKey()), Files.readAllBytes(up),
					downFile == null ? null : relative(downFile), downFile == null ? null : Files.readAllBytes(downFile)));
		}
		return new Conversion(items, notMapped, notes);
	}

	// golang-migrate: <version>_<title>.up.sql and .down.sql, directly in the folder.
	private Conversion golangMigrate() throws IOException {
		Map<String, String> notMapped = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		TreeMap<Long, Path> ups = new TreeMap<>();
		Map<Long, Path> downs = new HashMap<>();
		for (Path file : list(source, notMapped)) {
			Matcher m = GOLANG.matcher(file.getFileName().toString());
			Long version = m.matches() ? version(m.group(1), file, notMapped) : null;
			if (version == null) {
				notMapped.putIfAbsent(relative(file), "not a golang-migrate migration (<version>_<title>.up.sql or "
						+ ".down.sql)");
				continue;
			}
			Map<Long, Path> into = m.group(3).equals("up") ? ups : downs;
			Path other = into.putIfAbsent(version, file);
			if (other != null) {
				notMapped.put(relative(file), "the same version as " + relative(other) + " (golang-migrate refuses "
						+ "both); only " + relative(other) + " was imported");
			}
		}
		downs.forEach((version, file) -> {
			if (!ups.containsKey(version)) {
				notMapped.put(relative(file), "a down without its up");
			}
		});
		List<Item> items = new ArrayList<>();
		for (Map.Entry<Long, Path> entry : ups.entrySet()) {
			Matcher m = GOLANG.matcher(entry.getValue().getFileName().toString());
			m.matches();
			String stem = m.group(1) + "_" + description(m.group(2));
			Path down = downs.get(entry.getKey());
			items.add(new Item(stem, stem + ".sql", relative(entry.getValue()), m.group(1),
					nonEmpty(Files.readAllBytes(entry.getValue()), notes, stem), down == null ? null : relative(down),
					down == null ? null : Files.readAllBytes(down)));
		}
		return new Conversion(items, notMapped, notes);
	}

	// dbmate: <version>_<name>.sql holding a "-- migrate:up" and a "-- migrate:down" section.
	private Conversion dbmate() throws IOException {
		Map<String, String> notMapped = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		TreeMap<Long, Item> items = new TreeMap<>();
		for (Path file : list(source, notMapped)) {
			Matcher m = NUMBERED.matcher(file.getFileName().toString());
			Long version = m.matches() && m.group(3) == null && !m.group(2).isEmpty()
					? version(m.group(1), file, notMapped) : null;
			if (version == null) {
				notMapped.putIfAbsent(relative(file), "not a dbmate migration (<version>_<name>.sql)");
				continue;
			}
			Map<String, StringBuilder> sections = new HashMap<>();
			Map<String, String> options = new HashMap<>();
			StringBuilder current = null;
			for (String line : Files.readString(file, StandardCharsets.UTF_8).split("(?<=\n)")) {
				Matcher marker = DBMATE_MARKER.matcher(line.stripTrailing());
				if (marker.matches()) {
					current = sections.computeIfAbsent(marker.group(1), k -> new StringBuilder());
					options.put(marker.group(1), marker.group(2).strip());
				}
				else if (current != null) {
					current.append(line);
				}
			}
			if (!sections.containsKey("up")) {
				notMapped.put(relative(file), "no -- migrate:up section");
				continue;
			}
			String stem = m.group(1) + "_" + description(m.group(2));
			String up = sections.get("up").toString().strip();
			if (options.get("up").contains("transaction:false")) {
				up = NO_TRANSACTION + up;
			}
			if (options.getOrDefault("down", "").contains("transaction:false")) {
				notes.add(relative(file) + ": the down's transaction:false is dropped: replaysafe runs every down in a "
						+ "transaction with its history row");
			}
			String down = sections.containsKey("down") ? sections.get("down").toString().strip() : "";
			Item previous = items.putIfAbsent(version, new Item(stem, stem + ".sql", relative(file), m.group(1),
					nonEmpty((up + "\n").getBytes(StandardCharsets.UTF_8), notes, stem), relative(file),
					down.isEmpty() ? null : (down + "\n").getBytes(StandardCharsets.UTF_8)));
			if (previous != null) {
				notMapped.put(relative(file), "the same version as " + previous.origin() + "; only " + previous.origin()
						+ " was imported");
			}
		}
		return new Conversion(new ArrayList<>(items.values()), notMapped, notes);
	}

	// Diesel: a folder per migration, <version>_<name>/up.sql + down.sql, the version written with
	// dashes (2017-09-05-123456); its metadata.toml may turn the transaction off.
	private Conversion diesel() throws IOException {
		Map<String, String> notMapped = new LinkedHashMap<>();
		List<String> notes = new ArrayList<>();
		TreeMap<Long, Item> items = new TreeMap<>();
		List<Path> children;
		try (Stream<Path> list = Files.list(source)) {
			children = list.sorted().toList();
		}
		for (Path folder : children) {
			Matcher m = DIESEL_FOLDER.matcher(folder.getFileName().toString());
			if (!Files.isDirectory(folder) || !m.matches()) {
				notMapped.put(relative(folder), Files.isDirectory(folder)
						? "not a Diesel migration folder (<version>_<name>/)"
						: "not a Diesel migration: Diesel's migrations are folders holding up.sql and down.sql");
				continue;
			}
			Long version = version(m.group(1).replace("-", ""), folder, notMapped);
			if (version == null) {
				continue;
			}
			Path up = folder.resolve("up.sql");
			if (!Files.isRegularFile(up)) {
				notMapped.put(relative(folder), "no up.sql");
				continue;
			}
			boolean noTransaction = false;
			try (Stream<Path> files = Files.list(folder)) {
				for (Path file : files.sorted().toList()) {
					String name = file.getFileName().toString();
					if (name.equals("metadata.toml")) {
						noTransaction = Files.readString(file).matches("(?s).*run_in_transaction\\s*=\\s*false.*");
						if (!noTransaction) {
							notMapped.put(relative(file), "only run_in_transaction = false is read from it");
						}
					}
					else if (!name.equals("up.sql") && !name.equals("down.sql")) {
						notMapped.put(relative(file), "not up.sql or down.sql");
					}
				}
			}
			String stem = m.group(1).replace("-", "") + "_" + description(m.group(2));
			byte[] upBytes = Files.readAllBytes(up);
			if (noTransaction) {
				upBytes = (NO_TRANSACTION + new String(upBytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
			}
			Path down = folder.resolve("down.sql");
			boolean hasDown = Files.isRegularFile(down) && Files.size(down) > 0;
			Item previous = items.putIfAbsent(version, new Item(stem, stem + ".sql", relative(up),
					m.group(1).replace("-", ""), nonEmpty(upBytes, notes, stem), hasDown ? relative(down) : null,
					hasDown ? Files.readAllBytes(down) : null));
			if (previous != null) {
				notMapped.put(relative(folder), "the same version as " + previous.origin() + "; only "
						+ previous.origin() + " was imported");
			}
		}
		return new Conversion(new ArrayList<>(items.values()), notMapped, notes);
	}

	/** An up the engine accepts: an empty one (which it refuses) gets a comment, and a note. */
	private static byte[] nonEmpty(byte[] up, List<String> notes, String stem) {
		if (new String(up, StandardCharsets.UTF_8).isBlank()) {
			notes.add(stem + ".sql: the source's up is empty; it holds a comment now (replaysafe refuses empty files)");
			return ("-- replaysafe import: the source's up was empty\n").getBytes(StandardCharsets.UTF_8);
		}
		return up;
	}

	private Long version(String digits, Path file, Map<String, String> notMapped) {
		try {
			return Long.parseLong(digits);
		}
		catch (NumberFormatException e) {
			notMapped.put(relative(file), "version " + digits + " is beyond a long (at most " + Long.MAX_VALUE + ")");
			return null;
		}
	}

	/** The files directly in a folder; sub-folders reported as not mapped (these tools read only the folder). */
	private List<Path> list(Path folder, Map<String, String> notMapped) throws IOException {
		List<Path> files = new ArrayList<>();
		try (Stream<Path> list = Files.list(folder)) {
			for (Path p : list.sorted().toList()) {
				if (Files.isDirectory(p)) {
					notMapped.put(relative(p) + "/", "a sub-folder (" + from + " reads only the folder itself)");
				}
				else {
					files.add(p);
				}
			}
		}
		return files;
	}

	private static List<Path> walk(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter(Files::isRegularFile).sorted().toList();
		}
	}

	private String relative(Path file) {
		return source.relativize(file).toString().replace('\\', '/');
	}

	private static String description(String text) {
		String snake = NewCommand.snake(text);
		return snake.isEmpty() ? "migration" : snake;
	}

	private static String pad(long number, int width) {
		String digits = String.valueOf(number);
		return "0".repeat(Math.max(0, width - digits.length())) + digits;
	}
}
