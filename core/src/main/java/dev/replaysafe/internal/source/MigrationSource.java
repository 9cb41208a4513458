package dev.replaysafe.internal.source;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and validates the migration files of one or more locations.
 *
 * <p>A location is {@code classpath:db/migrations} (folders and jars alike, Spring Boot's nested
 * jars included), {@code filesystem:/path}, or a bare path read as a classpath location. Only
 * {@code *.sql} files directly in the folder count. Every problem of the set is reported at once,
 * each naming its file, so that one start shows everything to fix.
 */
public final class MigrationSource {

	private static final Logger log = LoggerFactory.getLogger(Migrator.class);

	private static final Pattern NAME = Pattern.compile("(\\d+)_(.+?)(\\.up|\\.down)?\\.sql", Pattern.CASE_INSENSITIVE);

	private static final String NAMING = "name migrations NNNN_description.sql (or NNNN_description.up.sql) "
			+ "with a down NNNN_description.down.sql";

	private MigrationSource() {
	}

	/** The migrations of {@code locations} in version order, or an error listing every problem. */
	public static List<Migration> load(List<String> locations, ClassLoader classLoader) {
		List<String> problems = new ArrayList<>();
		Map<Long, List<Named>> ups = new TreeMap<>();
		Map<Long, List<Named>> downs = new TreeMap<>();
		Set<Long> rejectedUps = new HashSet<>();
		Set<Long> rejectedDowns = new HashSet<>();
		for (RawFile raw : list(locations, classLoader, problems)) {
			Named named = parse(raw, problems);
			if (named != null && named.file == null) {
				(named.down ? rejectedDowns : rejectedUps).add(named.version);
			}
			else if (named != null) {
				(named.down ? downs : ups).computeIfAbsent(named.version, v -> new ArrayList<>()).add(named);
			}
		}
		List<Migration> migrations = new ArrayList<>();
		for (Map.Entry<Long, List<Named>> entry : ups.entrySet()) {
			List<Named> up = entry.getValue();
			List<Named> down = downs.getOrDefault(entry.getKey(), List.of());
			if (up.size() > 1 || down.size() > 1) {
				problems.add("version " + entry.getKey() + " is used by more than one file: "
						+ String.join(", ", locationsOf(up, down)) + "; give each migration its own version");
			}
			else if (down.isEmpty() && rejectedDowns.contains(entry.getKey())) {
				continue;
			}
			else if (down.isEmpty()) {
				problems.add(up.get(0).file.location() + ": no down file; add "
						+ up.get(0).stem + ".down.sql that undoes it (downs are mandatory)");
			}
			else if (!down.get(0).stem.equals(up.get(0).stem)) {
				problems.add(down.get(0).file.location() + ": the down of " + up.get(0).file.fileName()
						+ " must be named " + up.get(0).stem + ".down.sql");
			}
			else {
				migrations.add(new Migration(entry.getKey(), up.get(0).description, up.get(0).file, down.get(0).file));
			}
		}
		downs.keySet().stream().filter(v -> !ups.containsKey(v) && !rejectedUps.contains(v)).forEach(v -> downs.get(v).forEach(d -> problems.add(
				d.file.location() + ": a down without its up; add " + d.stem + ".sql or remove the down")));
		if (!problems.isEmpty()) {
			throw new MigrationException(MigrationException.Kind.INVALID_FILES, "Invalid migration files in " + String.join(", ", locations), problems);
		}
		return List.copyOf(migrations);
	}

	private static List<String> locationsOf(List<Named> up, List<Named> down) {
		return Stream.concat(up.stream(), down.stream()).map(f -> f.file.location()).toList();
	}

	private static Named parse(RawFile raw, List<String> problems) {
		Matcher m = NAME.matcher(raw.name);
		if (!m.matches()) {
			problems.add(raw.location + ": the name does not parse; " + NAMING);
			return null;
		}
		long version;
		try {
			version = Long.parseLong(m.group(1));
		}
		catch (NumberFormatException e) {
			problems.add(raw.location + ": version " + m.group(1) + " is out of range (at most "
					+ Long.MAX_VALUE + "); use a smaller number");
			return null;
		}
		boolean down = ".down".equalsIgnoreCase(m.group(3));
		String stem = m.group(1) + "_" + m.group(2);
		// A file whose content is rejected is still present: its up (down) is not reported as missing its pair.
		Named rejected = new Named(version, null, stem, down, null);
		if (!raw.name.endsWith(".sql") || m.group(3) != null && !m.group(3).equals(m.group(3).toLowerCase(Locale.ROOT))) {
			problems.add(raw.location + ": the suffix must be lower-case (.sql, .up.sql, .down.sql), as sqlx reads it; "
					+ "rename the file");
			return rejected;
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw.bytes)).toString();
		}
		catch (CharacterCodingException e) {
			problems.add(raw.location + ": not valid UTF-8 (at " + firstBadByte(raw.bytes)
					+ "); save the file as UTF-8");
			return rejected;
		}
		if (text.replace("\uFEFF", "").isBlank()) {
			problems.add(raw.location + ": the file is empty; write the migration's SQL in it");
			return rejected;
		}
		int nul = text.indexOf('\0');
		if (nul >= 0) {
			// The drivers cut or refuse a statement at a NUL: a binary file saved as .sql, never SQL.
			problems.add(raw.location + ": contains a NUL character (at line " + lineAt(text, nul)
					+ "); this is not a text file: save the migration as plain UTF-8 text");
			return rejected;
		}
		return new Named(version, m.group(2).replace('_', ' '), stem, down,
				new SqlFile(raw.location, text, Checksum.sha384(raw.bytes)));
	}

	private static int lineAt(String text, int index) {
		return 1 + (int) text.substring(0, index).chars().filter(ch -> ch == '\n').count();
	}

	private static boolean isSqlName(String name) {
		return name.toLowerCase(Locale.ROOT).endsWith(".sql");
	}

	private static String firstBadByte(byte[] bytes) {
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(bytes);
		var out = java.nio.CharBuffer.allocate(bytes.length);
		decoder.decode(in, out, true);
		int line = 1;
		for (int k = 0; k < in.position(); k++) {
			if (bytes[k] == '\n') {
				line++;
			}
		}
		return "line " + line + ", byte offset " + in.position();
	}

	private static List<RawFile> list(List<String> locations, ClassLoader classLoader, List<String> problems) {
		List<RawFile> files = new ArrayList<>();
		// A location named twice is one set of files, not every file twice.
		for (String location : new LinkedHashSet<>(locations)) {
			int before = problems.size();
			List<RawFile> found = location.startsWith("filesystem:")
					? listFolder(location, Path.of(location.substring("filesystem:".length())), problems)
					: listClasspath(location, classLoader, problems);
			if (found == null && problems.size() == before) {
				problems.add("location " + location + " does not exist; create it or correct the location "
						+ "(classpath:path or filesystem:/path)");
			}
			if (found != null) {
				files.addAll(found);
			}
		}
		return files;
	}

	private static List<RawFile> listFolder(String location, Path folder, List<String> problems) {
		if (Files.exists(folder) && !Files.isDirectory(folder)) {
			problems.add("location " + location + " is a file, not a folder; name the folder that holds the migrations");
			return List.of();
		}
		if (!Files.isDirectory(folder)) {
			return null;
		}
		try (Stream<Path> paths = Files.list(folder)) {
			List<RawFile> files = new ArrayList<>();
			// Sorted by name, not by Path: comparing whole paths, their common prefix included, was a sixth of
			// the time a warm start took to list 2 000 files.
			Map<String, Path> byName = new TreeMap<>();
			paths.forEach(p -> byName.put(p.getFileName().toString(), p));
			List<Path> children = List.copyOf(byName.values());
			warnAboutSubFolders(location, folder, children);
			for (Path p : children.stream().filter(p -> isSqlName(p.getFileName().toString())).toList()) {
				String name = p.getFileName().toString();
				if (Files.isDirectory(p)) {
					problems.add(relative(location, name) + ": a folder named like a migration; migration files must "
							+ "be directly in the location: rename or remove the folder");
				}
				else if (!Files.isRegularFile(p)) {
					problems.add(relative(location, name) + ": not a regular file (a broken symbolic link?); "
							+ "point the link at an existing file or remove it");
				}
				else {
					files.add(new RawFile(name, relative(location, name), Files.readAllBytes(p)));
				}
			}
			return files;
		}
		catch (IOException e) {
			problems.add("location " + location + " cannot be read: " + e.getMessage());
			return List.of();
		}
	}

	/**
	 * Files in sub-folders are not migrations (as with sqlx; Flyway would read them): a WARN names
	 * the {@code .sql} files found there, so that none is silently left out.
	 */
	private static void warnAboutSubFolders(String location, Path folder, List<Path> children) throws IOException {
		List<String> nested = new ArrayList<>();
		for (Path child : children) {
			if (Files.isDirectory(child) && !isSqlName(child.getFileName().toString())) {
				try (Stream<Path> below = Files.walk(child)) {
					below.filter(p -> Files.isRegularFile(p) && isSqlName(p.getFileName().toString()))
						.map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().forEach(nested::add);
				}
			}
		}
		warnNested(location, nested);
	}

	private static void warnNested(String location, List<String> nested) {
		if (!nested.isEmpty()) {
			log.warn("{} .sql file(s) in sub-folders of {} are not read as migrations (only files directly in a location "
					+ "are): {}; move them into the location, or name their folder in the locations", nested.size(),
					location, nested.size() <= 10 ? nested : nested.subList(0, 10) + " and " + (nested.size() - 10) + " more");
		}
	}

	private static List<RawFile> listClasspath(String location, ClassLoader classLoader, List<String> problems) {
		String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
		path = path.replaceAll("^/+|/+$", "");
		try {
			Set<URL> roots = new LinkedHashSet<>();
			Enumeration<URL> urls = classLoader.getResources(path);
			while (urls.hasMoreElements()) {
				roots.add(urls.nextElement());
			}
			if (roots.isEmpty()) {
				return null;
			}
			Map<String, RawFile> files = new LinkedHashMap<>();
			for (URL root : roots) {
				List<RawFile> found = "file".equals(root.getProtocol())
						? listFolder(location, Path.of(root.toURI()), problems)
						: listJar(location, root, path);
				// The same folder reached twice (a jar on the classpath twice) is one set of files.
				for (RawFile f : found == null ? List.<RawFile>of() : found) {
					files.putIfAbsent(f.location + "@" + root, f);
				}
			}
			return new ArrayList<>(files.values());
		}
		catch (IOException | URISyntaxException e) {
			problems.add("location " + location + " cannot be read: " + e.getMessage());
			return List.of();
		}
	}

	private static List<RawFile> listJar(String location, URL root, String path) throws IOException {
		URLConnection connection = root.openConnection();
		if (!(connection instanceof JarURLConnection jarConnection)) {
			throw new IOException("unsupported classpath URL " + root + " (expected a folder or a jar)");
		}
		JarFile jar = jarConnection.getJarFile();
		String prefix = path + "/";
		List<RawFile> files = new ArrayList<>();
		List<String> nested = new ArrayList<>();
		for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
			JarEntry entry = entries.nextElement();
			String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : "";
			if (!entry.isDirectory() && isSqlName(rest) && !rest.contains("/")) {
				try (InputStream in = jar.getInputStream(entry)) {
					files.add(new RawFile(rest, relative(location, rest), in.readAllBytes()));
				}
			}
			else if (!entry.isDirectory() && isSqlName(rest)) {
				nested.add(rest);
			}
		}
		warnNested(location, nested);
		return files;
	}

	private static String relative(String location, String name) {
		// Called once per file: plain string operations (a regex here was a tenth of a cold start's CPU).
		String folder = location.startsWith("classpath:") ? location.substring("classpath:".length())
				: location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
		int end = folder.length();
		while (end > 0 && folder.charAt(end - 1) == '/') {
			end--;
		}
		return folder.substring(0, end) + "/" + name;
	}

	private record RawFile(String name, String location, byte[] bytes) {
	}

	private record Named(long version, String description, String stem, boolean down, SqlFile file) {
	}
}
