package dev.replaysafe.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.replaysafe.AutoFix;
import dev.replaysafe.AutoFix.FileFix;
import dev.replaysafe.Migration;
import dev.replaysafe.MigrationStatus;
import dev.replaysafe.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Rewrites what is mechanically fixable to its replay-safe form; shows a diff, writes with --write. */
@Command(name = "fix", mixinStandardHelpOptions = true,
		description = { "Rewrites what is mechanically fixable in the ups and downs of each folder to its replay-safe "
				+ "form (IF NOT EXISTS / IF EXISTS guards, column guards, DROP VIEW IF EXISTS before CREATE VIEW, "
				+ "ON CONFLICT DO NOTHING where the table has a key, CREATE OR REPLACE FUNCTION) and writes a missing "
				+ "or empty down as the inverse of its up; prints a unified diff, and with --write applies it.",
				"Then lists, as file:line, what it could not fix and the audit findings that remain. Editing an "
						+ "applied file changes its checksum: with --url it warns for each such file.",
				"Exits 0 when nothing is left to fix by hand, 1 otherwise." })
final class FixCommand implements Callable<Integer> {

	private static final Pattern UP = Pattern.compile("(\\d+_.+?)(\\.up)?\\.sql");

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "LOCATION", description = "Folders of migration files on the file system.")
	List<Path> folders;

	@Option(names = "--write", description = "Write the fixed files (default: only print the diff).")
	boolean write;

	@Mixin
	ConnectionOptions connection;

	@Option(names = "--table", description = "The history table, with --url (default: ${DEFAULT-VALUE}).",
			defaultValue = Migrator.DEFAULT_TABLE)
	String table;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		boolean handWork = false;
		for (Path folder : folders) {
			handWork |= fix(folder, out);
		}
		out.flush();
		return handWork ? 1 : 0;
	}

	/** Fixes one folder; whether something is left to do by hand. */
	private boolean fix(Path folder, PrintWriter out) throws IOException {
		if (!Files.isDirectory(folder)) {
			throw new Main.ConfigurationException("LOCATION " + folder + " is not a folder: fix reads and writes files "
					+ "on the file system");
		}
		// The engine refuses a set with a missing or empty down; fix writes those, so it reads a copy
		// in which each is a comment.
		Path copy = Files.createTempDirectory("replaysafe-fix");
		try {
			Map<String, Path> real = new LinkedHashMap<>();
			Set<String> absentDowns = copyWithDowns(folder, copy, real);
			List<FileFix> fixes = AutoFix
				.of(Migration.load(List.of("filesystem:" + copy), getClass().getClassLoader()));
			Set<Long> applied = appliedVersions(folder);
			boolean handWork = false;
			for (FileFix f : fixes) {
				String name = fileName(f.location());
				Path target = real.get(name);
				boolean absent = absentDowns.contains(name);
				String before = absent ? "" : Files.readString(target, StandardCharsets.UTF_8);
				String after = absent && f.fixed().equals(f.original()) ? before : f.fixed();
				if (!after.equals(before)) {
					out.print(Diff.unified(absent ? "/dev/null" : "a/" + target, "b/" + target, before, after));
					Long version = version(name);
					if (applied.contains(version) && !name.endsWith(".down.sql")) {
						out.println("WARNING: " + target + " is applied on the database (version " + version + "): "
								+ "editing it changes its checksum; leave it, or take the database over with "
								+ "replaysafe.baseline-version (see README \"Adopting an existing database\")");
					}
					if (write) {
						Files.writeString(target, after, StandardCharsets.UTF_8);
					}
				}
				for (AutoFix.Change c : f.changes()) {
					if (!c.fixed()) {
						out.println(target + ":" + c.line() + ": not fixed: " + c.description());
						handWork = true;
					}
				}
				for (var finding : f.remaining()) {
					out.println(target + ":" + finding.line() + ":" + finding.column() + " [" + finding.rule() + "] "
							+ finding.message() + ". Fix: " + finding.fix());
					handWork |= finding.blocks();
				}
			}
			return handWork;
		}
		finally {
			try (Stream<Path> files = Files.walk(copy)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/** Copies the folder's SQL files, giving each up without a down, or with an empty one, a comment-only down. */
	private static Set<String> copyWithDowns(Path folder, Path copy, Map<String, Path> real) throws IOException {
		List<Path> files;
		try (Stream<Path> list = Files.list(folder)) {
			files = list.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
		}
		Set<String> names = files.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
		Set<String> absent = new java.util.HashSet<>();
		for (Path p : files) {
			String name = p.getFileName().toString();
			real.put(name, p);
			byte[] bytes = Files.readAllBytes(p);
			Files.write(copy.resolve(name), bytes.length == 0 ? "-- \n".getBytes(StandardCharsets.UTF_8) : bytes);
			Matcher m = UP.matcher(name);
			if (!name.endsWith(".down.sql") && m.matches()) {
				String down = m.group(1) + ".down.sql";
				if (!names.contains(down)) {
					Files.writeString(copy.resolve(down), "-- \n");
					real.put(down, folder.resolve(down));
					absent.add(down);
				}
			}
		}
		return absent;
	}

	private Set<Long> appliedVersions(Path folder) {
		if (connection.url == null) {
			return Set.of();
		}
		connection.requireUrl("fix");
		Migrator migrator = Migrator.builder(connection.dataSource()).locations("filesystem:" + folder).table(table)
			.classLoader(getClass().getClassLoader()).build();
		try {
			return migrator.status().stream()
				.filter(s -> s.state() != MigrationStatus.State.PENDING)
				.map(MigrationStatus::version)
				.collect(Collectors.toSet());
		}
		catch (dev.replaysafe.MigrationException e) {
			// A set with missing downs cannot be read by the engine: ask the history table alone.
			return Set.of();
		}
	}

	private static String fileName(String location) {
		return location.substring(location.lastIndexOf('/') + 1);
	}

	private static Long version(String name) {
		Matcher m = Pattern.compile("(\\d+)_").matcher(name);
		return m.lookingAt() ? Long.valueOf(m.group(1)) : null;
	}

	/** A unified diff of two texts, by lines (longest common subsequence), with three lines of context. */
	static final class Diff {

		private Diff() {
		}

		static String unified(String from, String to, String a, String b) {
			List<String> x = lines(a);
			List<String> y = lines(b);
			int[][] lcs = new int[x.size() + 1][y.size() + 1];
			for (int i = x.size() - 1; i >= 0; i--) {
				for (int j = y.size() - 1; j >= 0; j--) {
					lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
				}
			}
			// The edit script: ' ' kept, '-' removed, '+' added, with each line's position in a and b.
			List<int[]> ops = new ArrayList<>();
			int i = 0;
			int j = 0;
			while (i < x.size() || j < y.size()) {
				if (i < x.size() && j < y.size() && x.get(i).equals(y.get(j))) {
					ops.add(new int[] { ' ', i++, j++ });
				}
				else if (j < y.size() && (i == x.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
					ops.add(new int[] { '+', i, j++ });
				}
				else {
					ops.add(new int[] { '-', i++, j });
				}
			}
			StringBuilder out = new StringBuilder("--- " + from + "\n+++ " + to + "\n");
			int k = 0;
			while (k < ops.size()) {
				if (ops.get(k)[0] == ' ') {
					k++;
					continue;
				}
				int start = Math.max(0, k - 3);
				int end = k;
				int quiet = 0;
				while (end < ops.size() && quiet <= 6) {
					quiet = ops.get(end)[0] == ' ' ? quiet + 1 : 0;
					end++;
				}
				end = Math.min(ops.size(), end - Math.max(0, quiet - 3));
				int aStart = ops.get(start)[1];
				int bStart = ops.get(start)[2];
				int aCount = 0;
				int bCount = 0;
				StringBuilder hunk = new StringBuilder();
				for (int h = start; h < end; h++) {
					int[] op = ops.get(h);
					String line = op[0] == '+' ? y.get(op[2]) : x.get(op[1]);
					hunk.append((char) op[0]).append(line).append('\n');
					aCount += op[0] != '+' ? 1 : 0;
					bCount += op[0] != '-' ? 1 : 0;
				}
				out.append("@@ -").append(aCount == 0 ? aStart : aStart + 1).append(',').append(aCount).append(" +")
					.append(bCount == 0 ? bStart : bStart + 1).append(',').append(bCount).append(" @@\n").append(hunk);
				k = end;
			}
			return out.toString();
		}

		private static List<String> lines(String text) {
			if (text.isEmpty()) {
				return List.of();
			}
			return List.of(text.split("\n", -1)).subList(0, text.endsWith("\n") ? text.split("\n", -1).length - 1
					: text.split("\n", -1).length);
		}
	}
}
