package dev.replaysafe.cli;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the migrations folder of another tool as that tool reads it, in its order: what
 * {@link ImportCommand} writes, and what it cannot map (file, why).
 */
final class Layouts {

	private static final Pattern FLYWAY_VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");

	static final Pattern NUMBERED = Pattern.compile("(\\d+)_(.*?)(\\.up|\\.down)?\\.sql");

	private static final Pattern GOLANG = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.sql");

	private static final Pattern DIESEL_FOLDER = Pattern.compile("(\\d[\\d-]*)_(.+)");

	private static final Pattern DBMATE_MARKER = Pattern.compile("^--\\s*migrate:(up|down)\\b(.*)$");

	private static final String NO_TRANSACTION = "-- replaysafe:no-transaction\n";

	/** One migration to write: its target stem, its origin and version there, its up, its down (null: a placeholder). */
	record Item(String stem, String upName, String origin, String sourceVersion, byte[] up, String downOrigin, byte[] down) {
	}

	/** What the conversion found: the migrations in order, and what it could not map (file, why). */
	record Conversion(List<Item> items, Map<String, String> notMapped, List<String> notes) {
	}

	private final Path source;

	/** The tool's name, for messages. */
	private final String tool;

	Layouts(Path source, String tool) {
		this.source = source;
		this.tool = tool;
	}

	// Flyway: V<version>__<description>.sql anywhere below the folder (Flyway scans sub-folders),
	// U<version>__ undo files as downs; versions compared part by part as numbers.
	Conversion flyway() throws IOException {
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
	Conversion sqlx() throws IOException {
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
	Conversion golangMigrate() throws IOException {
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
	Conversion dbmate() throws IOException {
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
	Conversion diesel() throws IOException {
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
					notMapped.put(relative(p) + "/", "a sub-folder (" + tool + " reads only the folder itself)");
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
