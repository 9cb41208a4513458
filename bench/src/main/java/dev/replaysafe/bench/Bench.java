package dev.replaysafe.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark driver: generates the migration sets, prepares databases, and starts one fresh
 * child JVM ({@link Child}) per measurement. Engines are interleaved within each round (their
 * order rotates from round to round) and every ratio compares numbers of the same invocation:
 * absolute times on this kind of machine move between runs, ratios within a run far less.
 *
 * <pre>
 * Bench [--runs 5] [--warmup 1] [--sizes 100,1000] [--dbs sqlite,postgres]
 *       [--cases cold,warm,boot,verify,concurrent (default) and drift,endpoint,bigfile,waivers (only when named)] [--engines jdbc,replaysafe,flyway,liquibase] [--processes 8] [--out bench/results] [--docs docs/BENCHMARKS.md]
 * </pre>
 *
 * PostgreSQL needs {@code POSTGRES_TEST_URL} (a user that may {@code CREATE DATABASE});
 * {@code scripts/bench} runs this under {@code scripts/with-postgres}, which provides one.
 */
public final class Bench {

	private final Options options;
	private final Path work;
	private final List<Sample> samples = new ArrayList<>();
	private final List<String> notes = new ArrayList<>();
	private final AtomicInteger databases = new AtomicInteger();

	private Bench(Options options) throws IOException {
		this.options = options;
		this.work = Files.createTempDirectory("replaysafe-bench");
	}

	public static void main(String[] args) throws Exception {
		Options options = Options.parse(args);
		System.setProperty("liquibase.analytics.enabled", "false");
		Bench bench = new Bench(options);
		long start = System.nanoTime();
		try {
			bench.run();
		}
		finally {
			MigrationSet.deleteTree(bench.work);
		}
		Report report = new Report(bench.samples, bench.notes, options,
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
		System.out.println(report.table());
		report.write(options.out, options.docs);
	}

	private void run() throws Exception {
		for (int size : options.sizes) {
			MigrationSet set = MigrationSet.write(work.resolve("set-" + size), size);
			for (Database.Kind kind : options.dbs) {
				if (options.cases.contains("cold")) {
					cold(set, kind);
				}
				if (options.cases.contains("warm")) {
					warm(set, kind);
				}
			}
			if (size == options.sizes.get(0)) {
				for (Database.Kind kind : options.dbs) {
					if (options.cases.contains("boot")) {
						boot(set, kind);
					}
					if (options.cases.contains("verify")) {
						verify(set, kind);
					}
					if (options.cases.contains("drift")) {
						drift(set, kind);
					}
				}
			}
			if (options.cases.contains("concurrent") && size == options.sizes.get(0)
					&& options.dbs.contains(Database.Kind.POSTGRES)) {
				concurrent(set);
			}
			if (options.cases.contains("endpoint") && size == options.sizes.stream().max(Integer::compare).orElseThrow()) {
				for (Database.Kind kind : options.dbs) {
					endpoint(set, kind);
				}
			}
		}
		if (options.cases.contains("bigfile")) {
			for (Database.Kind kind : options.dbs) {
				bigfile(kind);
			}
		}
		if (options.cases.contains("waivers")) {
			waivers();
		}
	}

	/** The big file's size in MB, and the JVM flags its children run with: what issue 16 requires to fit. */
	static final int BIG_FILE_MB = 50;
	static final List<String> SMALL_HEAP = List.of("-Xmx256m");
	/** Endpoint reads compared with one warm start, and waived statements in one file. */
	static final int GETS = 20;
	static final int WAIVERS = 20_000;

	/**
	 * A warm start with a 50 MB applied file, each child in a 256 MB heap: the start alone, and the
	 * start followed by the audit of every file (the endpoint's first read). The set is applied
	 * once beforehand, in a 256 MB heap too (its time is a note).
	 */
	private void bigfile(Database.Kind kind) throws Exception {
		Path folder = ScaleChild.writeBigSet(work.resolve("big"), BIG_FILE_MB);
		Sample.Group group = new Sample.Group("bigfile", BIG_FILE_MB, kind.label(), "warm start");
		Database db = fresh(kind);
		try {
			Sample.Run cold = result(launch("replaysafe", ScaleChild.class, SMALL_HEAP,
					List.of("migrate", kind.label(), db.url(), folder.toString())), "cold");
			notes.add(String.format(java.util.Locale.ROOT, "bigfile %s: applying the %d MB file took %.0f ms (-Xmx256m)",
					kind.label(), BIG_FILE_MB, cold.millis()));
			Map<String, List<Sample.Run>> runs = rounds(group, List.of("warm start", "warm start + audit"), variant ->
					result(launch("replaysafe", ScaleChild.class, SMALL_HEAP, List.of(variant.equals("warm start")
							? "migrate" : "migrate-audit", kind.label(), db.url(), folder.toString())), variant));
			runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
		}
		finally {
			drop(db);
			MigrationSet.deleteTree(folder);
		}
	}

	/**
	 * 20 reads of the endpoint (status, database, audit of every file, as MigrationsEndpoint asks)
	 * after a warm start in the same JVM, against one warm start in its own: the reads must cost less.
	 */
	private void endpoint(MigrationSet set, Database.Kind kind) throws Exception {
		Sample.Group group = new Sample.Group("endpoint", set.size(), kind.label(), "warm start");
		Database db = fresh(kind);
		try {
			child("replaysafe", db, set);
			String reads = GETS + " GETs";
			Map<String, List<Sample.Run>> runs = rounds(group, List.of("warm start", reads), variant ->
					variant.equals("warm start") ? child("replaysafe", db, set)
							: result(launch("replaysafe", ScaleChild.class, List.of(), List.of("gets", kind.label(),
									db.url(), set.replaysafe().toString(), String.valueOf(GETS))), variant));
			runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
		}
		finally {
			drop(db);
		}
	}

	/** The audit of one file of 20 000 statements, each waived by its own comment (no database). */
	private void waivers() throws Exception {
		Sample.Group group = new Sample.Group("waivers", WAIVERS, "none", "audit");
		Map<String, List<Sample.Run>> runs = rounds(group, List.of("audit"), variant ->
				result(launch("replaysafe", ScaleChild.class, List.of(), List.of("waivers", String.valueOf(WAIVERS))),
						variant));
		runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
	}

	/** Empty database, apply all: a fresh database per run (CREATE DATABASE on PostgreSQL). */
	private void cold(MigrationSet set, Database.Kind kind) throws Exception {
		Sample.Group group = new Sample.Group("cold", set.size(), kind.label(), "jdbc");
		List<String> engines = options.engines.stream().filter(e -> !e.equals(Engine.WARM_FLOOR)).toList();
		Map<String, List<Sample.Run>> runs = rounds(group, engines, engine -> {
			Database db = fresh(kind);
			try {
				return child(engine, db, set);
			}
			finally {
				drop(db);
			}
		});
		runs.forEach((engine, millis) -> samples.add(Sample.of(group, engine, millis)));
	}

	/**
	 * Everything applied, nothing pending: what every application start pays. Each engine gets its
	 * own database, migrated once before the rounds. Raw JDBC has no history, so it replays all.
	 */
	private void warm(MigrationSet set, Database.Kind kind) throws Exception {
		Sample.Group group = new Sample.Group("warm", set.size(), kind.label(), "flyway");
		Map<String, Database> prepared = new LinkedHashMap<>();
		try {
			for (String engine : options.engines) {
				Database db = fresh(kind);
				prepared.put(engine, db);
				child(engine, db, set);
			}
			Map<String, List<Sample.Run>> runs = rounds(group, options.engines, engine -> child(engine, prepared.get(engine), set));
			runs.forEach((engine, millis) -> samples.add(Sample.of(group, engine, millis)));
			if (runs.containsKey(Engine.WARM_FLOOR) && runs.containsKey("replaysafe") && runs.containsKey("flyway")) {
				double floor = Sample.medianOf(runs.get(Engine.WARM_FLOOR));
				double replaysafe = Sample.medianOf(runs.get("replaysafe"));
				notes.add(String.format(java.util.Locale.ROOT, "warm %d %s: replaysafe %.0f ms, the floor (%s: read and hash "
						+ "the ups, read the history) %.0f ms, +%.0f ms; the floor itself is %.2f× Flyway", set.size(),
						kind.label(), replaysafe, Engine.WARM_FLOOR, floor, replaysafe - floor, floor / Sample.medianOf(runs.get("flyway"))));
			}
		}
		finally {
			for (Database db : prepared.values()) {
				drop(db);
			}
		}
	}

	/**
	 * A minimal Spring Boot application started with the starter against the same application
	 * without any migration library (its classpath less replaysafe's jars), on a database the
	 * engine migrated beforehand: what the starter adds to every start.
	 */
	private void boot(MigrationSet set, Database.Kind kind) throws Exception {
		Sample.Group group = new Sample.Group("boot", set.size(), kind.label(), "no library");
		Database db = fresh(kind);
		try {
			child("replaysafe", db, set);
			Map<String, List<Sample.Run>> runs = rounds(group, List.of("no library", "starter"), variant -> {
				String mode = variant.equals("starter") ? "starter" : "plain";
				return result(launch("boot-" + mode, BootChild.class, List.of(mode, db.url(), "filesystem:" + set.replaysafe())),
						variant);
			});
			runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
		}
		finally {
			drop(db);
		}
	}

	/** The replay check ({@code Verifier.verifyReplay()}) on a fresh database, against a cold migrate in the same rounds. */
	private void verify(MigrationSet set, Database.Kind kind) throws Exception {
		Sample.Group group = new Sample.Group("verify", set.size(), kind.label(), "replaysafe migrate");
		Map<String, List<Sample.Run>> runs = rounds(group, List.of("replaysafe migrate", "verifyReplay"), variant -> {
			Database db = fresh(kind);
			try {
				return variant.equals("verifyReplay")
						? result(launch("replaysafe", Child.class, List.of("verify", kind.label(), db.url(),
								set.root().toString(), String.valueOf(set.size()))), variant)
						: child("replaysafe", db, set);
			}
			finally {
				drop(db);
			}
		});
		runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
	}

	/**
	 * The drift check ({@code DriftCheck.check()}: the set built on a scratch database, both schemas
	 * read and compared) on a migrated database, against a cold migrate in the same rounds.
	 */
	private void drift(MigrationSet set, Database.Kind kind) throws Exception {
		Sample.Group group = new Sample.Group("drift", set.size(), kind.label(), "replaysafe migrate");
		Map<String, List<Sample.Run>> runs = rounds(group, List.of("replaysafe migrate", "driftCheck"), variant -> {
			Database db = fresh(kind);
			try {
				if (variant.equals("driftCheck")) {
					child("replaysafe", db, set);
					return result(launch("replaysafe", Child.class, List.of("drift", kind.label(), db.url(),
							set.root().toString(), String.valueOf(set.size()))), variant);
				}
				return child("replaysafe", db, set);
			}
			finally {
				drop(db);
			}
		});
		runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
	}

	/**
	 * Several processes migrating one fresh PostgreSQL database at once (a deployment starting its
	 * replicas) against one process alone. Each child loads its driver and connects, then waits;
	 * once all are ready they are released together; the time is the slowest process's, from its release.
	 */
	private void concurrent(MigrationSet set) throws Exception {
		int processes = options.processes;
		Sample.Group group = new Sample.Group("concurrent", set.size(), "postgres", "1 process");
		List<String> variants = new ArrayList<>();
		for (String engine : List.of("replaysafe", "flyway").stream().filter(options.engines::contains).toList()) {
			variants.add(engine + " × 1");
			variants.add(engine + " × " + processes);
		}
		Map<String, List<Long>> busy = new LinkedHashMap<>();
		Map<String, List<Sample.Run>> runs = rounds(group, variants, variant -> {
			String engine = variant.substring(0, variant.indexOf(' '));
			int count = variant.endsWith("× 1") ? 1 : processes;
			Database db = fresh(Database.Kind.POSTGRES);
			try {
				List<Running> started = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					started.add(new Running(start(engine, db, set, true), engine));
				}
				// Released together once every JVM is up and connected.
				for (Running r : started) {
					r.awaitReady();
				}
				long busyAtRelease = machineBusyMillis();
				for (Running r : started) {
					r.go();
				}
				Sample.Run slowest = null;
				List<Long> each = new ArrayList<>();
				for (Running r : started) {
					Sample.Run run = r.finish();
					each.add(Math.round(run.millis()));
					slowest = slowest == null || run.millis() > slowest.millis() ? run : slowest;
				}
				long used = machineBusyMillis() - busyAtRelease;
				busy.computeIfAbsent(variant, v -> new ArrayList<>()).add(used);
				System.err.println("  machine CPU from release to the last exit: " + used + " ms"
						+ (count > 1 ? "; each process, ms: " + each.stream().sorted().toList() : ""));
				return slowest;
			}
			finally {
				drop(db);
			}
		});
		runs.forEach((variant, millis) -> samples.add(Sample.of(group, variant, millis)));
		for (String engine : List.of("replaysafe", "flyway")) {
			String one = engine + " × 1";
			String many = engine + " × " + processes;
			if (runs.containsKey(one)) {
				notes.add(cpuNormalised(engine, processes, Sample.medianOf(runs.get(one)), Sample.medianOf(runs.get(many)),
						medianOfMeasured(busy.get(one)), medianOfMeasured(busy.get(many))));
			}
		}
	}

	/**
	 * The concurrent case next to the machine's capacity: the CPU every process (the server's
	 * included) used from the release to the last exit, as a share of what the cores could give in
	 * that wall time, and the least a machine with a core per instance could take (neither less than
	 * one process alone nor than that CPU spread over one core each).
	 */
	static String cpuNormalised(String engine, int processes, double wallOne, double wallMany, double busyOne,
			double busyMany) {
		int cores = Runtime.getRuntime().availableProcessors();
		double perCore = Math.max(wallOne, busyMany / processes);
		return String.format(java.util.Locale.ROOT, "concurrent %s: × %d used %.0f ms of machine CPU (× 1: %.0f ms, %.2f× as much "
				+ "work), %.0f %% of %d cores over its %.0f ms; %.2f× × 1 in wall time, %.2f× in CPU; with a core per instance "
				+ "at least %.0f ms (%.2f× × 1)", engine, processes, busyMany, busyOne, busyMany / busyOne,
				100 * busyMany / (cores * wallMany), cores, wallMany, wallMany / wallOne, busyMany / busyOne, perCore,
				perCore / wallOne);
	}

	/** The median of the measured rounds: the last {@code runs} values (the warm-up rounds come first). */
	private double medianOfMeasured(List<Long> values) {
		return Sample.median(values.subList(values.size() - Math.min(options.runs, values.size()), values.size()).stream()
			.map(Long::doubleValue).toList());
	}

	/**
	 * Busy time of all the machine's cores so far ({@code /proc/stat}: user, nice, system, irq,
	 * softirq and steal, in clock ticks of 10 ms), or 0 where there is no {@code /proc}.
	 */
	static long machineBusyMillis() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long ticks = 0;
			for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
				ticks += Long.parseLong(cpu[field]);
			}
			return ticks * 10;
		}
		catch (IOException | RuntimeException e) {
			return 0;
		}
	}

	@FunctionalInterface
	interface Measure {
		Sample.Run run(String engine) throws Exception;
	}

	/** Warm-up plus measured rounds; in each round every engine once, the order rotating. */
	private Map<String, List<Sample.Run>> rounds(Sample.Group group, List<String> engines, Measure measure) throws Exception {
		Map<String, List<Sample.Run>> runs = new LinkedHashMap<>();
		engines.forEach(e -> runs.put(e, new ArrayList<>()));
		// A cold N=1000 run lasts seconds: first-run effects vanish in it, and the N=100 rounds before
		// have warmed the disk cache and the server. Its warm-up would only cost minutes.
		int warmups = group.benchCase().equals("cold") && group.size() >= 1000 ? 0 : options.warmup;
		int total = warmups + options.runs;
		for (int round = 0; round < total; round++) {
			boolean warmup = round < warmups;
			for (int k = 0; k < engines.size(); k++) {
				String engine = engines.get((k + round) % engines.size());
				Sample.Run run = measure.run(engine);
				System.err.printf("%-26s %-7s %d/%d %-16s %9.1f ms (cpu %6.0f ms)%n", group, warmup ? "warm-up" : "run",
						round + 1, total, engine, run.millis(), run.cpuMillis());
				if (!warmup) {
					runs.get(engine).add(run);
				}
			}
		}
		return runs;
	}

	private Sample.Run child(String engine, Database db, MigrationSet set) throws Exception {
		return result(start(engine, db, set, false), engine);
	}

	private Process start(String engine, Database db, MigrationSet set, boolean barrier) throws IOException {
		List<String> args = new ArrayList<>(List.of("migrate", engine, db.kind().label(), db.url(), set.root().toString(),
				String.valueOf(set.size())));
		if (barrier) {
			args.add("barrier");
		}
		return launch(engine, Child.class, args);
	}

	/** A fresh JVM running {@code main} of {@code mainClass} with the classpath of {@code role}. */
	private Process launch(String role, Class<?> mainClass, List<String> args) throws IOException {
		return launch(role, mainClass, List.of(), args);
	}

	/** The same, with JVM flags of its own (the scale cases' small heap). */
	private Process launch(String role, Class<?> mainClass, List<String> jvmArgs, List<String> args) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-Dliquibase.analytics.enabled=false",
				"-Dliquibase.showBanner=false", "-cp", classpath(role)));
		command.addAll(jvmArgs);
		command.addAll(options.jvmArgs);
		command.add(mainClass.getName());
		command.addAll(args);
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

	private Sample.Run result(Process p, String engine) throws Exception {
		Running r = new Running(p, engine);
		return r.finish();
	}

	/** A started child: its output read line by line, so that it can be held at the barrier. */
	private static final class Running {

		private final Process process;
		private final String engine;
		private final BufferedReader out;
		private final StringBuilder seen = new StringBuilder();

		Running(Process process, String engine) {
			this.process = process;
			this.engine = engine;
			this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		}

		void awaitReady() throws IOException {
			for (String line; (line = out.readLine()) != null;) {
				if (line.equals("READY")) {
					return;
				}
				seen.append(line).append('\n');
			}
			throw new IllegalStateException(engine + " ended before it was ready:\n" + seen);
		}

		void go() throws IOException {
			process.getOutputStream().write('\n');
			process.getOutputStream().flush();
		}

		Sample.Run finish() throws Exception {
			Sample.Run run = null;
			for (String line; (line = out.readLine()) != null;) {
				seen.append(line).append('\n');
				if (line.startsWith("RESULT ")) {
					String[] parts = line.split(" ");
					run = new Sample.Run(Long.parseLong(parts[1]) / 1e6, Long.parseLong(parts[2].substring("cpu=".length())) / 1e6);
				}
			}
			if (!process.waitFor(30, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(engine + " did not finish in 30 minutes:\n" + seen);
			}
			if (process.exitValue() != 0 || run == null) {
				throw new IllegalStateException(engine + " failed (exit " + process.exitValue() + "):\n" + seen);
			}
			return run;
		}
	}

	/** Jars by path fragment: each tool's own, and what every engine child needs (drivers, slf4j without a backend). */
	private static final Map<String, List<String>> JARS = Map.of(
			"replaysafe", List.of("replaysafe-core", "/core/target/classes"),
			"flyway", List.of("/org/flywaydb/"),
			"liquibase", List.of("/org/liquibase/", "/org/yaml/", "/org/apache/commons/", "/commons-io/", "/com/opencsv/",
					"/javax/xml/bind/"),
			"starter", List.of("replaysafe-spring-boot", "/autoconfigure/target/classes", "/starter/target/classes"),
			"base", List.of("bench/target/classes", "bench/target/test-classes", "sqlite-jdbc", "/org/postgresql/",
					"/org/checkerframework/", "/org/slf4j/slf4j-api/", "/org/slf4j/slf4j-nop/"));

	/**
	 * The classpath of a child JVM, from this JVM's: an engine child gets the drivers and its own
	 * tool only (a classpath scan, slf4j's provider look-up, Flyway's plugins, then cost each tool
	 * what it would in its own program); a Boot child ({@code boot-starter}, {@code boot-plain}) gets
	 * Spring Boot and the starter, or Spring Boot alone.
	 */
	public static String classpath(String role) {
		List<String> kept = new ArrayList<>();
		String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
		String root = checkoutRoot(entries);
		for (String entry : entries) {
			// Classified by the path inside the checkout: the checkout's own folder may have any name.
			String path = entry.replace('\\', '/');
			if (root != null && path.startsWith(root)) {
				path = path.substring(root.length());
			}
			boolean keep;
			if (role.startsWith("boot-")) {
				boolean replaysafe = in(path, "replaysafe") || in(path, "starter");
				keep = !in(path, "flyway") && !in(path, "liquibase") && !path.contains("/org/slf4j/slf4j-nop/")
						&& (role.equals("boot-starter") || !replaysafe);
			}
			else {
				// replaysafe-never is replaysafe with another option: the same jars; history-read prepares with replaysafe.
				keep = in(path, "base")
						|| in(path, role.startsWith("replaysafe") || role.equals(Engine.WARM_FLOOR) ? "replaysafe" : role);
			}
			if (keep) {
				kept.add(entry);
			}
		}
		return String.join(java.io.File.pathSeparator, kept);
	}

	/** The checkout's folder, from this module's class folder on the classpath (null in a packaged run). */
	private static String checkoutRoot(String[] entries) {
		for (String entry : entries) {
			String path = entry.replace('\\', '/');
			int at = path.lastIndexOf("/bench/target/");
			if (at >= 0) {
				return path.substring(0, at);
			}
		}
		return null;
	}

	private static boolean in(String path, String group) {
		return JARS.getOrDefault(group, List.of()).stream().anyMatch(path::contains);
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private Database fresh(Database.Kind kind) throws IOException, SQLException {
		int n = databases.incrementAndGet();
		if (kind == Database.Kind.SQLITE) {
			return new Database(kind, "jdbc:sqlite:" + work.resolve("db-" + n + ".sqlite"));
		}
		String name = "bench_" + ProcessHandle.current().pid() + "_" + n;
		try (Connection c = DriverManager.getConnection(server()); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		return new Database(kind, Database.withDatabase(server(), name));
	}

	private void drop(Database db) throws IOException, SQLException {
		if (db.kind() == Database.Kind.SQLITE) {
			Path file = Path.of(db.url().substring("jdbc:sqlite:".length()));
			for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
				Files.deleteIfExists(Path.of(file + suffix));
			}
			return;
		}
		String name = db.url().replaceFirst("^jdbc:postgresql://[^/]+/([^?]*).*$", "$1");
		// A child's session may still be closing, or autovacuum visiting (which only a superuser may
		// end): try a few times; a database left behind only costs the throwaway server some disk.
		for (int attempt = 1; attempt <= 10; attempt++) {
			try (Connection c = DriverManager.getConnection(server()); Statement s = c.createStatement()) {
				s.execute("DROP DATABASE IF EXISTS " + name);
				return;
			}
			catch (SQLException e) {
				if (attempt == 10) {
					System.err.println("could not drop " + name + " (left on the throwaway server): " + e.getMessage());
					return;
				}
				try {
					Thread.sleep(100L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static String server() {
		String url = System.getenv("POSTGRES_TEST_URL");
		if (url == null || url.isBlank()) {
			throw new IllegalStateException("POSTGRES_TEST_URL is not set; run through scripts/bench (it starts a "
					+ "throwaway PostgreSQL) or pass --dbs sqlite");
		}
		return url;
	}

	/** Command-line options. */
	record Options(int runs, int warmup, List<Integer> sizes, List<Database.Kind> dbs, List<String> cases,
			List<String> engines, int processes, Path out, Path docs, List<String> jvmArgs) {

		static Options parse(String[] args) {
			int runs = 5;
			int warmup = 1;
			List<Integer> sizes = List.of(100, 1000);
			List<Database.Kind> dbs = List.of(Database.Kind.SQLITE, Database.Kind.POSTGRES);
			List<String> cases = List.of("cold", "warm", "boot", "verify", "concurrent");
			List<String> engines = Engine.NAMES;
			int processes = 8;
			Path out = Path.of("bench/results");
			Path docs = null;
			List<String> jvmArgs = new ArrayList<>();
			for (int i = 0; i < args.length; i++) {
				String value = i + 1 < args.length ? args[i + 1] : "";
				switch (args[i]) {
					case "--runs" -> runs = Integer.parseInt(value);
					case "--warmup" -> warmup = Integer.parseInt(value);
					case "--sizes" -> sizes = List.of(value.split(",")).stream().map(Integer::valueOf).toList();
					case "--dbs" -> dbs = List.of(value.split(",")).stream().map(Database.Kind::of).toList();
					case "--cases" -> cases = List.of(value.split(","));
					case "--engines" -> engines = List.of(value.split(","));
					case "--processes" -> processes = Integer.parseInt(value);
					case "--out" -> out = Path.of(value);
					case "--docs" -> docs = Path.of(value);
					case "--jvm-arg" -> jvmArgs.add(value);
					default -> throw new IllegalArgumentException("unknown option " + args[i]
							+ "; see the Javadoc of dev.replaysafe.bench.Bench or bench/README.md");
				}
				i++;
			}
			return new Options(runs, warmup, sizes, dbs, cases, engines, processes, out, docs, List.copyOf(jvmArgs));
		}
	}
}
