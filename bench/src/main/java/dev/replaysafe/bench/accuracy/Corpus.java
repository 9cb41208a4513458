package dev.replaysafe.bench.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real-world corpus: public projects' plain-SQL migration folders, pinned by repository and
 * commit. Nothing of it is committed here: {@link #files} reads each set at run time from a local
 * mirror of the repository ({@code $REPLAYSAFE_CORPUS_MIRROR/owner+name/repo}, a git directory) when
 * it holds the commit, else from a shallow fetch of that one commit from GitHub into the work folder.
 */
final class Corpus {

	/** One migration set: the files a project applies, in its tool's order, on one database. */
	record Set(String name, String repo, String commit, Database database, String root, Function<List<String>, List<String>> layout) {

		/** The repository's web address at the pinned commit, for the report. */
		String url() {
			return "https://github.com/" + repo + "/tree/" + commit + "/" + root;
		}
	}

	/** A migration file of a set, as the project has it. */
	record File(String path, String text) {

		/** The name shown in the report: the path inside the set's root. */
		String shortName(Set set) {
			return path.startsWith(set.root() + "/") ? path.substring(set.root().length() + 1) : path;
		}
	}

	enum Database {
		POSTGRESQL, SQLITE
	}

	private static final String SYNAPSE = "be65a8ec0195955c15fdb179c9158b187638e39a";
	private static final String ATUIN = "824c8716d82bed774ee6a83c683087ae77715814";
	private static final String LEMMY = "439734dd638a2c06a2f907beab7dcf4646e88f86";
	private static final String CRATES = "57fa000662f511321daa61e6769f190ea0e80771";
	private static final String VAULTWARDEN = "46d71107f5094460dd5ecbe1dbac6e6c71e5189a";
	private static final String AUTHELIA = "23572030b4048922a377ca40d59e804e0ed25fd7";
	private static final String REALWORLD = "f1b25654773228297e35c292f357d33b7121a101";

	/** Every set measured: about 980 up files from seven projects, both databases. */
	static final List<Set> SETS = List.of(
			new Set("lemmy", "LemmyNet/lemmy", LEMMY, Database.POSTGRESQL, "migrations", Corpus::diesel),
			new Set("crates.io", "rust-lang/crates.io", CRATES, Database.POSTGRESQL, "migrations", Corpus::diesel),
			new Set("vaultwarden-postgresql", "dani-garcia/vaultwarden", VAULTWARDEN, Database.POSTGRESQL,
					"migrations/postgresql", Corpus::diesel),
			new Set("vaultwarden-sqlite", "dani-garcia/vaultwarden", VAULTWARDEN, Database.SQLITE, "migrations/sqlite",
					Corpus::diesel),
			new Set("synapse-postgresql", "matrix-org/synapse", SYNAPSE, Database.POSTGRESQL, "synapse/storage/schema",
					paths -> synapse(paths, "postgres")),
			new Set("synapse-sqlite", "matrix-org/synapse", SYNAPSE, Database.SQLITE, "synapse/storage/schema",
					paths -> synapse(paths, "sqlite")),
			new Set("authelia-postgres", "authelia/authelia", AUTHELIA, Database.POSTGRESQL,
					"internal/storage/migrations/postgres", Corpus::flat),
			new Set("authelia-sqlite", "authelia/authelia", AUTHELIA, Database.SQLITE, "internal/storage/migrations/sqlite",
					Corpus::flat),
			new Set("atuin-server-postgres", "atuinsh/atuin", ATUIN, Database.POSTGRESQL,
					"crates/atuin-server-postgres/migrations", Corpus::flat),
			new Set("atuin-server-sqlite", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-server-sqlite/migrations",
					Corpus::flat),
			new Set("atuin-client", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-client/migrations", Corpus::flat),
			new Set("atuin-client-records", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-client/record-migrations",
					Corpus::flat),
			new Set("atuin-client-meta", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-client/meta-migrations",
					Corpus::flat),
			new Set("atuin-kv", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-kv/migrations", Corpus::flat),
			new Set("atuin-scripts", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-scripts/migrations", Corpus::flat),
			new Set("atuin-ai", "atuinsh/atuin", ATUIN, Database.SQLITE, "crates/atuin-ai/migrations", Corpus::flat),
			new Set("realworld-axum-sqlx", "launchbadge/realworld-axum-sqlx", REALWORLD, Database.POSTGRESQL, "migrations",
					Corpus::flat));

	private Corpus() {
	}

	/** diesel: {@code root/<version>_<name>/up.sql}, in version (folder name) order. */
	static List<String> diesel(List<String> paths) {
		return paths.stream().filter(p -> p.matches("[^/]+/up\\.sql")).sorted().toList();
	}

	/**
	 * sqlx, golang-migrate and the like: {@code root/<version>_<name>.sql} or {@code .up.sql}, downs left out, in
	 * name order (the versions are zero-padded or timestamps, so name order is version order).
	 */
	static List<String> flat(List<String> paths) {
		return paths.stream().filter(p -> !p.contains("/") && p.endsWith(".sql") && !p.endsWith(".down.sql")).sorted()
			.toList();
	}

	private static final Pattern SYNAPSE_DELTA = Pattern.compile("(common|main|state)/delta/(\\d+)/([^/]+)");

	/**
	 * Synapse creates a new database from {@code schema_version.sql} and the full schemas of version 72 (common,
	 * main, state), then applies every delta of a later version, in (version, file name) order across the three
	 * schemas; a delta is {@code .sql} (both databases) or {@code .sql.postgres} / {@code .sql.sqlite}. Python
	 * deltas are left out (they are no SQL), as are the deltas up to 72, which the full schemas already contain.
	 */
	static List<String> synapse(List<String> paths, String engine) {
		List<String> files = new ArrayList<>();
		files.add("common/schema_version.sql");
		for (String schema : List.of("common", "main", "state")) {
			files.add(schema + "/full_schemas/72/full.sql." + engine);
		}
		record Delta(int version, String name, String path) {
		}
		List<Delta> deltas = new ArrayList<>();
		for (String p : paths) {
			Matcher m = SYNAPSE_DELTA.matcher(p);
			if (m.matches() && Integer.parseInt(m.group(2)) > 72
					&& (m.group(3).endsWith(".sql") || m.group(3).endsWith(".sql." + engine))) {
				deltas.add(new Delta(Integer.parseInt(m.group(2)), m.group(3), p));
			}
		}
		deltas.sort(Comparator.comparingInt(Delta::version).thenComparing(Delta::name));
		deltas.forEach(d -> files.add(d.path()));
		return files.stream().filter(paths::contains).toList();
	}

	/** The set's up files in order, read from the mirror or fetched into {@code work}. */
	static List<File> files(Set set, Path mirror, Path work) throws IOException, InterruptedException {
		Path gitDir = gitDir(set, mirror, work);
		String listing = git(gitDir, "ls-tree", "-r", "--name-only", set.commit(), "--", set.root() + "/");
		List<String> paths = listing.lines().map(p -> p.substring(set.root().length() + 1)).toList();
		List<File> files = new ArrayList<>();
		for (String p : set.layout().apply(paths)) {
			String path = set.root() + "/" + p;
			files.add(new File(path, git(gitDir, "show", set.commit() + ":" + path)));
		}
		return files;
	}

	private static Path gitDir(Set set, Path mirror, Path work) throws IOException, InterruptedException {
		if (mirror != null) {
			Path dir = mirror.resolve(set.repo().replace('/', '+')).resolve("repo");
			if (Files.isDirectory(dir) && run(dir.getParent(), "git", "--git-dir=" + dir, "cat-file", "-e", set.commit() + "^{commit}") == 0) {
				return dir;
			}
		}
		Path dir = work.resolve("git").resolve(set.repo().replace('/', '+') + ".git");
		if (Files.isDirectory(dir) && run(work, "git", "--git-dir=" + dir, "cat-file", "-e", set.commit() + "^{commit}") == 0) {
			return dir;
		}
		Files.createDirectories(dir);
		git(dir, "init", "--bare", "--quiet");
		System.out.println("fetching " + set.repo() + " at " + set.commit());
		git(dir, "fetch", "--quiet", "--depth", "1", "https://github.com/" + set.repo() + ".git", set.commit());
		return dir;
	}

	private static String git(Path gitDir, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		p.getOutputStream().close();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")");
		}
		return out;
	}

	private static int run(Path dir, String... command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		p.getOutputStream().close();
		p.getInputStream().readAllBytes();
		return p.waitFor();
	}
}
