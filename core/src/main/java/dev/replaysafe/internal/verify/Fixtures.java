package dev.replaysafe.internal.verify;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.sql.SqlScript;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The verifier's fixture files: {@code NNNN_description.sql}, each loaded right after up
 * {@code NNNN} on the scratch database, so that the replay and the downs run over rows.
 */
public final class Fixtures {

	private static final Pattern NAME = Pattern.compile("(\\d+)_(.+)\\.sql", Pattern.CASE_INSENSITIVE);

	private final Map<Long, SqlFile> byVersion;

	private Fixtures(Map<Long, SqlFile> byVersion) {
		this.byVersion = byVersion;
	}

	/**
	 * Reads the fixtures at {@code locations} ({@code classpath:} folders, jars, {@code filesystem:}
	 * paths) and checks each names a migration of {@code migrations}. A location that does not exist is
	 * an error unless it is {@code optional} (the default location, which most projects do not have).
	 *
	 * @throws MigrationException naming every invalid file at once
	 */
	public static Fixtures load(List<String> locations, String optional, ClassLoader classLoader,
			List<Migration> migrations) {
		Map<Long, Migration> versions = new TreeMap<>();
		migrations.forEach(m -> versions.put(m.version(), m));
		Map<Long, SqlFile> found = new TreeMap<>();
		List<String> problems = new ArrayList<>();
		for (String location : locations) {
			List<SqlFile> files = list(location, classLoader, problems);
			if (files == null) {
				if (!location.equals(optional)) {
					problems.add("fixture location " + location + " does not exist; create it or correct the location "
							+ "(classpath:path or filesystem:/path)");
				}
				continue;
			}
			for (SqlFile file : files) {
				Matcher name = NAME.matcher(file.fileName());
				if (!name.matches() || file.fileName().matches("(?i).*\\.(up|down)\\.sql")) {
					problems.add(file.location() + ": not a fixture name; name fixtures NNNN_description.sql, NNNN being "
							+ "the version of the migration after whose up it is loaded");
					continue;
				}
				long version;
				try {
					version = Long.parseLong(name.group(1));
				}
				catch (NumberFormatException e) {
					problems.add(file.location() + ": the version " + name.group(1) + " is too large");
					continue;
				}
				Migration m = versions.get(version);
				SqlFile other = found.putIfAbsent(version, file);
				if (m == null) {
					problems.add(file.location() + ": no migration has version " + version + "; a fixture is loaded "
							+ "right after the up of its version: rename it after an existing migration or remove it");
				}
				else if (other != null) {
					problems.add(file.location() + ": " + other.location() + " is a fixture for version " + version
							+ " too; put the rows of one version in one file");
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new MigrationException(MigrationException.Kind.INVALID_FILES, "Invalid fixture files", problems);
		}
		return new Fixtures(found);
	}

	/** Whether there is no fixture at all. */
	public boolean isEmpty() {
		return byVersion.isEmpty();
	}

	/** The fixture of {@code version}, or null. */
	public SqlFile of(long version) {
		return byVersion.get(version);
	}

	/**
	 * Runs {@code fixture} in one transaction on {@code c}, after up {@code m}.
	 *
	 * @throws MigrationException (kind {@code MIGRATION_FAILED}) naming the fixture's file and line
	 */
	public static void apply(Connection c, Migration m, SqlFile fixture) {
		try {
			Dialect dialect = Dialect.of(c);
			dialect.begin(c, fixture);
			try {
				SqlScript.scan(fixture.location(), fixture.text(), statement -> {
					try {
						dialect.execute(c, statement);
					}
					catch (SQLException e) {
						throw new MigrationException(MigrationException.Kind.MIGRATION_FAILED, "Fixture " + fixture.location()
								+ ":" + dialect.errorLine(e, statement) + " failed: " + firstLine(e.getMessage())
								+ "\n  statement: " + statement.sql().replaceAll("\\s+", " ") + "\nIt is loaded right after "
								+ m.up().fileName() + " on the verifier's scratch database; fix the fixture so that it "
								+ "applies to the schema that up leaves", e);
					}
				}, comment -> {
				});
				dialect.commit(c);
			}
			catch (RuntimeException e) {
				try {
					dialect.rollback(c);
				}
				catch (SQLException rollback) {
					e.addSuppressed(rollback);
				}
				throw e;
			}
			finally {
				dialect.afterMigration(c);
			}
		}
		catch (SQLException e) {
			throw new MigrationException(MigrationException.Kind.OTHER, "Could not load the fixture " + fixture.location()
					+ ": " + e.getMessage(), e);
		}
	}

	private static String firstLine(String message) {
		String m = String.valueOf(message).strip();
		int nl = m.indexOf('\n');
		return nl < 0 ? m : m.substring(0, nl);
	}

	/** The {@code .sql} files directly in {@code location}, or null if it does not exist. */
	private static List<SqlFile> list(String location, ClassLoader classLoader, List<String> problems) {
		String folder = location.replaceFirst("^(classpath:|filesystem:)", "").replaceAll("/+$", "");
		try {
			if (location.startsWith("filesystem:")) {
				return listFolder(folder, Path.of(folder));
			}
			String path = folder.replaceAll("^/+", "");
			List<SqlFile> files = new ArrayList<>();
			Enumeration<URL> roots = classLoader.getResources(path);
			if (!roots.hasMoreElements()) {
				return null;
			}
			while (roots.hasMoreElements()) {
				URL root = roots.nextElement();
				if ("file".equals(root.getProtocol())) {
					List<SqlFile> inFolder = listFolder(path, Path.of(root.toURI()));
					files.addAll(inFolder == null ? List.of() : inFolder);
				}
				else if (root.openConnection() instanceof JarURLConnection jar) {
					for (Enumeration<JarEntry> entries = jar.getJarFile().entries(); entries.hasMoreElements();) {
						JarEntry entry = entries.nextElement();
						String rest = entry.getName().startsWith(path + "/") ? entry.getName().substring(path.length() + 1) : "";
						if (!entry.isDirectory() && rest.toLowerCase().endsWith(".sql") && !rest.contains("/")) {
							try (InputStream in = jar.getJarFile().getInputStream(entry)) {
								files.add(SqlFile.of(path + "/" + rest, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
							}
						}
					}
				}
			}
			return files;
		}
		catch (IOException | URISyntaxException e) {
			problems.add("fixture location " + location + " cannot be read: " + e.getMessage());
			return List.of();
		}
	}

	private static List<SqlFile> listFolder(String shown, Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			return null;
		}
		List<SqlFile> files = new ArrayList<>();
		try (Stream<Path> paths = Files.list(folder)) {
			for (Path p : paths.sorted().toList()) {
				if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase().endsWith(".sql")) {
					files.add(SqlFile.of(shown + "/" + p.getFileName(), Files.readString(p, StandardCharsets.UTF_8)));
				}
			}
		}
		return files;
	}
}
