package dev.replaysafe.bench.accuracy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.replaysafe.AutoFix;
import dev.replaysafe.Migration;
import dev.replaysafe.SqlFile;
import dev.replaysafe.bench.accuracy.Corpus.Database;
import dev.replaysafe.bench.accuracy.DynamicTruth.Outcome;

/**
 * Measures what {@link AutoFix} ({@code replaysafe fix}) achieves on the corpus of real migration sets: the
 * dynamic truth of each up before and after the fix, and whether each down the fix wrote takes the database
 * back to the state before its up. Writes the report ({@code docs/FIX-ACCURACY.md} between its markers). Run
 * by {@code scripts/audit-accuracy --fix}.
 *
 * <pre>
 *   --docs FILE    splice the report into FILE between its markers (scripts/audit-accuracy --fix passes docs/FIX-ACCURACY.md)
 *   --work DIR     where the sets' files, fetched repositories and SQLite databases go (bench/target/fix-accuracy)
 *   --mirror DIR   read repositories from DIR/owner+name/repo when it has the commit (else $REPLAYSAFE_CORPUS_MIRROR)
 *   --sets a,b     only these sets (by name)
 *   --down-sample N   on PostgreSQL, try at most N written downs per set, evenly spread (default 30; 0 = all)
 *   --threads N    measure N sets at a time (default 3)
 * </pre>
 * PostgreSQL: {@code POSTGRES_TEST_URL}, a JDBC URL whose role may create databases.
 */
public final class FixAccuracy {

	static final String START = "<!-- fix-accuracy:start -->";
	static final String END = "<!-- fix-accuracy:end -->";

	/** What became of a down the fix wrote, applied right after its fixed up. */
	enum DownOutcome {
		/** The fix wrote no down for this migration (it could not invert any statement). */
		NOT_WRITTEN,
		/** A down was written but left out of the sample (PostgreSQL: each tried down costs two template copies). */
		NOT_SAMPLED,
		/** The fix threw on writing this down (a bug in the fix); the set was fixed again with this down left alone. */
		FIX_THREW,
		/** The fixed up failed on its apply, so its down could not be tried. */
		UP_FAILED,
		/** After up and down, schema and rows equal the state before the up. */
		EQUAL,
		/** The down succeeded but left schema or rows different from before the up. */
		DIFFERS,
		/** The down failed. */
		ERROR
	}

	/** @param detail what differs (DIFFERS) or the client's error (ERROR, UP_FAILED) */
	record Down(DownOutcome outcome, String detail) {
	}

	/**
	 * One up file measured before and after the fix.
	 *
	 * @param fixedText the up as the fix left it
	 * @param changed whether the fix changed the up
	 * @param notFixed what the fix said it could not fix in the up
	 */
	record Measured(String set, Database database, String name, String fixedText, boolean changed, List<String> notFixed,
			DynamicTruth.Result before, DynamicTruth.Result after, Down down) {

		/** Applied before the fix but not after: the fix broke the file. */
		boolean broken() {
			return before.outcome() != Outcome.EXCLUDED && after.outcome() == Outcome.EXCLUDED;
		}
	}

	private FixAccuracy() {
	}

	public static void main(String[] args) throws Exception {
		RunOptions options = RunOptions.parse(args, "FixAccuracy [--docs FILE] [--work DIR] [--mirror DIR] [--sets a,b]", "scripts/audit-accuracy --fix");
		String pgUrl = options.pgUrl();
		Path work = options.work("bench/target/fix-accuracy");
		Path mirror = options.mirror();
		List<String> only = options.sets();

		Instant started = Instant.now();
		List<Measured> all = new ArrayList<>();
		List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		int downSample = Integer.parseInt(options.getOrDefault("down-sample", "30"));
		List<Corpus.Set> sets = Corpus.SETS.stream().filter(s -> only == null || only.contains(s.name())).toList();
		Map<String, List<Measured>> bySet = new java.util.concurrent.ConcurrentHashMap<>();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
			.newFixedThreadPool(Integer.parseInt(options.getOrDefault("threads", "3")));
		List<java.util.concurrent.Future<?>> running = new ArrayList<>();
		for (Corpus.Set set : sets) {
			running.add(pool.submit(() -> {
				List<Corpus.File> files = Corpus.files(set, mirror, work);
				Instant t = Instant.now();
				List<Measured> measured;
				try {
					measured = measure(set.name(), set.database(), files.stream().map(f -> f.shortName(set)).toList(),
							files.stream().map(Corpus.File::text).toList(), work, pgUrl,
							set.database() == Database.POSTGRESQL ? downSample : 0);
				}
				catch (Exception e) {
					// A fix or a database that throws on one set must not cost the figures of the others.
					e.printStackTrace();
					failures.add(set.name() + ": " + e);
					return null;
				}
				bySet.put(set.name(), measured);
				System.out.printf("%-24s %4d files, safe before %d, after %d, broken %d, %s%n", set.name(), files.size(),
						count(measured, m -> m.before().outcome() == Outcome.SAFE),
						count(measured, m -> m.after().outcome() == Outcome.SAFE), count(measured, Measured::broken),
						Duration.between(t, Instant.now()));
				return null;
			}));
		}
		for (java.util.concurrent.Future<?> f : running) {
			f.get();
		}
		pool.shutdown();
		sets.forEach(s -> all.addAll(bySet.getOrDefault(s.name(), List.of())));
		String report = report(sets, all, downSample, Duration.between(started, Instant.now()));
		if (!failures.isEmpty()) {
			report += "\n### Sets not measured\n\nThe fix threw:\n\n"
					+ failures.stream().map(f -> "- " + f + "\n").collect(Collectors.joining());
		}
		AuditAccuracy.write(report, work, options.get("docs"), START, END);
	}

	/**
	 * Measures one set: fixes its ups (each with an empty down, so the fix writes the downs), takes the dynamic
	 * truth of the original and of the fixed ups, then walks the fixed ups in order and tries each written down.
	 */
	static List<Measured> measure(String set, Database database, List<String> names, List<String> texts, Path work, String pgUrl,
			int downSample) throws Exception {
		Path dir = work.resolve("fix-sets").resolve(set);
		List<Migration> migrations = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			// The position is the version: synapse's and diesel's names are no integers, and only the order matters.
			migrations.add(new Migration(i + 1, name, SqlFile.of(set + "/" + name, texts.get(i)),
					SqlFile.of(set + "/" + name + ".down", "-- none\n")));
		}
		Map<Integer, String> threw = new TreeMap<>();
		List<AutoFix.FileFix> fixes = null;
		while (fixes == null) {
			try {
				fixes = AutoFix.of(migrations);
			}
			catch (dev.replaysafe.MigrationException e) {
				// A down the fix wrote and then could not read: note it, and fix the set again with that down given (a
				// statement, so the fix does not write it), rather than lose the whole set's figures.
				int at = -1;
				for (int i = 0; i < migrations.size() && at < 0; i++) {
					if (!threw.containsKey(i) && String.valueOf(e.getMessage()).contains(migrations.get(i).down().location() + ":")) {
						at = i;
					}
				}
				if (at < 0) {
					throw e;
				}
				threw.put(at, e.getMessage().lines().findFirst().orElse(""));
				Migration m = migrations.get(at);
				migrations.set(at, new Migration(m.version(), m.description(), m.up(), SqlFile.of(m.down().location(), "SELECT 1;\n")));
				System.out.println("  " + set + ": the fix threw writing a down: " + threw.get(at));
			}
		}
		List<String> fixedTexts = new ArrayList<>();
		List<String> downTexts = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			fixedTexts.add(fixes.get(2 * i).fixed());
			AutoFix.FileFix down = fixes.get(2 * i + 1);
			downTexts.add(!threw.containsKey(i) && down.changes().stream().anyMatch(AutoFix.Change::fixed) ? down.fixed() : null);
		}
		List<Path> before = write(dir.resolve("before"), names, texts, "");
		List<Path> after = write(dir.resolve("after"), names, fixedTexts, "");
		List<DynamicTruth.Result> truthBefore;
		List<DynamicTruth.Result> truthAfter;
		List<Down> downs;
		try (ReferenceDatabase db = open(database, pgUrl, dir.resolve("db-before"))) {
			truthBefore = DynamicTruth.measure(db, before, texts);
		}
		try (ReferenceDatabase db = open(database, pgUrl, dir.resolve("db-after"))) {
			truthAfter = DynamicTruth.measure(db, after, fixedTexts);
		}
		try (ReferenceDatabase db = open(database, pgUrl, dir.resolve("db-downs"))) {
			downs = downs(db, after, sample(downTexts, downSample), dir.resolve("downs"));
		}
		List<Measured> measured = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			AutoFix.FileFix up = fixes.get(2 * i);
			measured.add(new Measured(set, database, names.get(i), fixedTexts.get(i), up.changed(),
					up.changes().stream().filter(c -> !c.fixed()).map(AutoFix.Change::description).toList(), truthBefore.get(i),
					truthAfter.get(i), threw.containsKey(i) ? new Down(DownOutcome.FIX_THREW, threw.get(i)) : downs.get(i)));
		}
		return measured;
	}

	/** The downs to try: at most {@code n} of the written ones, evenly spread; the others become {@code ""} (not sampled). */
	static List<String> sample(List<String> downTexts, int n) {
		List<Integer> written = new ArrayList<>();
		for (int i = 0; i < downTexts.size(); i++) {
			if (downTexts.get(i) != null) {
				written.add(i);
			}
		}
		if (n <= 0 || written.size() <= n) {
			return downTexts;
		}
		java.util.Set<Integer> chosen = new java.util.HashSet<>();
		for (int k = 0; k < n; k++) {
			chosen.add(written.get((int) ((long) k * written.size() / n)));
		}
		List<String> sampled = new ArrayList<>(downTexts);
		written.stream().filter(i -> !chosen.contains(i)).forEach(i -> sampled.set(i, ""));
		return sampled;
	}

	private static ReferenceDatabase open(Database database, String pgUrl, Path dir) throws Exception {
		return database == Database.POSTGRESQL ? new PsqlDatabase(pgUrl) : new Sqlite3Database(dir);
	}

	private static List<Path> write(Path dir, List<String> names, List<String> texts, String suffix) throws Exception {
		Files.createDirectories(dir);
		List<Path> paths = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			if (texts.get(i) == null || texts.get(i).isEmpty() && suffix.equals(".down")) {
				paths.add(null);
				continue;
			}
			String base = names.get(i).replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("\\.sql$", "");
			Path file = dir.resolve(String.format("%04d_%s%s.sql", i + 1, base, suffix));
			Files.writeString(file, texts.get(i));
			paths.add(file);
		}
		return paths;
	}

	/**
	 * Applies the fixed ups in order; before each up with a written down, snapshots the state, and after the up
	 * saves it, applies the down, compares with the snapshot, and goes back to the saved state for the next up.
	 */
	static List<Down> downs(ReferenceDatabase db, List<Path> ups, List<String> downTexts, Path dir) throws Exception {
		List<String> names = new ArrayList<>();
		ups.forEach(p -> names.add(p.getFileName().toString()));
		List<Path> downFiles = write(dir, names, downTexts, ".down");
		db.create();
		List<Down> downs = new ArrayList<>();
		for (int i = 0; i < ups.size(); i++) {
			if (i > 0 && i % 100 == 0) {
				System.out.println("  downs: " + i + " of " + ups.size());
			}
			Snapshot was = downFiles.get(i) == null ? null : db.snapshot();
			ReferenceDatabase.Applied up = db.apply(ups.get(i));
			if (downFiles.get(i) == null) {
				downs.add(new Down(downTexts.get(i) == null ? DownOutcome.NOT_WRITTEN : DownOutcome.NOT_SAMPLED, ""));
				continue;
			}
			if (up.failed()) {
				downs.add(new Down(DownOutcome.UP_FAILED, DynamicTruth.message(up.error())));
				continue;
			}
			db.save();
			ReferenceDatabase.Applied down = db.apply(downFiles.get(i));
			if (down.failed()) {
				downs.add(new Down(DownOutcome.ERROR, DynamicTruth.message(down.error())));
			}
			else {
				Snapshot.Difference diff = db.snapshot().since(was);
				downs.add(diff.isEmpty() ? new Down(DownOutcome.EQUAL, "") : new Down(DownOutcome.DIFFERS, full(diff)));
			}
			db.restore();
		}
		return downs;
	}

	private static String full(Snapshot.Difference diff) {
		List<String> all = new ArrayList<>(diff.schema());
		all.addAll(diff.data());
		return String.join("; ", all);
	}

	/** The statement around a 1-based line: from the end of the statement before it to the next semicolon. */
	static String statementAt(String text, int line) {
		if (line <= 0) {
			return "";
		}
		int start = 0;
		for (int l = 1; l < line && start >= 0; l++) {
			start = text.indexOf('\n', start) + 1;
			if (start == 0) {
				return "";
			}
		}
		int from = text.lastIndexOf(';', Math.max(0, start - 1)) + 1;
		int to = text.indexOf(';', start);
		String statement = text.substring(from, to < 0 ? text.length() : to + 1);
		statement = statement.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining(" "))
			.replaceAll("\\s+", " ").strip();
		return statement.length() > 160 ? statement.substring(0, 157) + "..." : statement;
	}

	private static final Pattern KIND = Pattern.compile(
			"(?i)^(ALTER TABLE (?:ONLY )?(?:IF EXISTS )?\\S+ (?:ADD CONSTRAINT|ADD PRIMARY KEY|ADD FOREIGN KEY|ADD UNIQUE|ADD COLUMN|ADD|"
					+ "DROP CONSTRAINT|DROP COLUMN|DROP|RENAME COLUMN|RENAME TO|RENAME|ALTER COLUMN|ALTER|OWNER|SET|ENABLE|DISABLE|"
					+ "VALIDATE)|CREATE (?:OR REPLACE )?(?:UNIQUE )?(?:TEMP |TEMPORARY )?(?:MATERIALIZED )?\\w+|DROP \\w+|"
					+ "INSERT|UPDATE|DELETE|DO|ALTER \\w+|COMMENT|GRANT|REVOKE|SELECT|WITH|\\w+)");

	/** A statement's kind with names left out ({@code ALTER TABLE … ADD CONSTRAINT}, {@code CREATE TRIGGER}). */
	static String kind(String statement) {
		Matcher m = KIND.matcher(statement.strip());
		if (!m.find()) {
			return "(no statement found)";
		}
		String kind = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
		return kind.replaceAll("^(ALTER TABLE (?:ONLY )?(?:IF EXISTS )?)\\S+ ", "$1… ");
	}

	/** Why a fixed up is still not replay-safe: a cross-file effect, or the kind of statement that failed or changed something. */
	static String remainingCause(Measured m) {
		DynamicTruth.Result t = m.after();
		String detail = t.detail();
		if (t.outcome() == Outcome.ERROR && detail.matches("(?s).*(does not exist|no such (column|table)|has no column).*")) {
			return "cross-file: a later file dropped or renamed what this file uses";
		}
		if (t.outcome() == Outcome.CHANGES && detail.contains(" changed")) {
			return "cross-file: the replay reverts a later file's definition";
		}
		if (t.outcome() == Outcome.CHANGES && detail.contains(" dropped")) {
			return "cross-file: the replay drops what a later file created";
		}
		if (t.outcome() == Outcome.CHANGES && detail.contains(" added")) {
			return "cross-file: the replay re-creates what a later file dropped";
		}
		if (t.outcome() == Outcome.CHANGES) {
			return "data change: the replay adds or rewrites rows (UPDATE, DELETE, INSERT ... SELECT backfills)";
		}
		return "statement the fix does not make replay-safe: " + kind(statementAt(m.fixedText(), t.line()));
	}

	static String report(List<Corpus.Set> sets, List<Measured> all, int downSample, Duration took) {
		StringBuilder md = new StringBuilder();
		md.append("_Generated by `scripts/audit-accuracy --fix` on ")
			.append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atOffset(ZoneOffset.UTC)))
			.append(" in ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s._\n\n");

		md.append("### Ups replay-safe before and after the fix\n\nSafe = the replay on the fully migrated database succeeded "
				+ "and changed neither schema nor rows; the share is of the ups that applied in their set (before: the original "
				+ "set; after: the fixed set).\n\n")
			.append("| set | database | ups | changed by fix | applied before | safe before | applied after | safe after "
					+ "| safe after, of applied before | broken by fix |\n")
			.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (Corpus.Set set : sets) {
			ups(md, set.name(), set.database() == Database.POSTGRESQL ? "PostgreSQL" : "SQLite",
					all.stream().filter(m -> m.set().equals(set.name())).toList());
		}
		ups(md, "**PostgreSQL**", "", all.stream().filter(m -> m.database() == Database.POSTGRESQL).toList());
		ups(md, "**SQLite**", "", all.stream().filter(m -> m.database() == Database.SQLITE).toList());
		ups(md, "**all**", "", all);
		md.append('\n');

		md.append("### Files the fix broke\n\nApplied in the original set, failed in the fixed set: each is a bug in the fix "
				+ "(or the fix of an earlier file). The statement is the fixed file's at the line the client named.\n\n");
		List<Measured> broken = all.stream().filter(Measured::broken).toList();
		if (broken.isEmpty()) {
			md.append("None.\n");
		}
		broken.forEach(m -> md.append("- `").append(m.set()).append('/').append(m.name()).append("` line ").append(m.after().line())
			.append(": ").append(m.after().detail()).append(" — `").append(statementAt(m.fixedText(), m.after().line()).replace("`", "'"))
			.append("`\n"));
		md.append('\n');

		md.append("### What is still not replay-safe after the fix\n\nApplied in the fixed set, replay not safe; by the likely "
				+ "cause, then by what the client said (names left out) or what the replay changed.\n\n");
		List<Measured> remaining = all.stream().filter(m -> m.after().outcome().notSafe()).toList();
		if (remaining.isEmpty()) {
			md.append("Nothing.\n\n");
		}
		group(remaining, FixAccuracy::remainingCause).entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size())
			.forEach(cause -> {
				md.append("**").append(cause.getKey()).append("** (").append(cause.getValue().size()).append(")\n\n");
				group(cause.getValue(), m -> AuditAccuracy.missClass(m.after())).entrySet().stream()
					.sorted((a, b) -> b.getValue().size() - a.getValue().size())
					.forEach(c -> md.append("- ").append(c.getKey()).append(": ").append(c.getValue().size()).append(" — ")
						.append(examples(c.getValue(), m -> m.after().detail())).append('\n'));
				md.append('\n');
			});

		md.append("### Downs the fix wrote\n\nEach migration's down was empty, so the fix wrote one where it could invert a "
				+ "statement of the fixed up. On a database migrated through the previous fixed up: snapshot, apply the fixed up, "
				+ "apply the written down, snapshot, compare schema and rows. "
				+ (downSample > 0 ? "On PostgreSQL each tried down costs two template copies and two dumps, so at most " + downSample
						+ " written downs per set are tried, evenly spread over the set (the others: not sampled; every up is still "
						+ "applied in order); on SQLite every written down is tried. " : "Every written down is tried. ")
				+ "The share is of the downs tried.\n\n")
			.append("| database | migrations | down written | fix threw | not sampled | up failed | back to the state before the up "
					+ "| differs | down failed |\n")
			.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		downsRow(md, "PostgreSQL", all.stream().filter(m -> m.database() == Database.POSTGRESQL).toList());
		downsRow(md, "SQLite", all.stream().filter(m -> m.database() == Database.SQLITE).toList());
		downsRow(md, "**all**", all);
		md.append('\n');
		md.append("Downs that did not return to the state before the up, by what differs (`added` = the up's object the down "
				+ "left behind, `changed` = an object the down did not restore, `dropped` = an object the down removed that was "
				+ "there before; names left out) or what the client said:\n\n");
		List<Measured> differing = all.stream().filter(m -> m.down().outcome() == DownOutcome.DIFFERS
				|| m.down().outcome() == DownOutcome.ERROR || m.down().outcome() == DownOutcome.FIX_THREW).toList();
		if (differing.isEmpty()) {
			md.append("None.\n");
		}
		group(differing, FixAccuracy::downClass).entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size())
			.forEach(c -> md.append("- ").append(c.getKey()).append(": ").append(c.getValue().size()).append(" — ")
				.append(examples(c.getValue(), m -> m.down().detail())).append('\n'));
		return md.toString();
	}

	private static void ups(StringBuilder md, String name, String database, List<Measured> of) {
		long appliedBefore = count(of, m -> m.before().outcome() != Outcome.EXCLUDED);
		long appliedAfter = count(of, m -> m.after().outcome() != Outcome.EXCLUDED);
		long safeBefore = count(of, m -> m.before().outcome() == Outcome.SAFE);
		long safeAfter = count(of, m -> m.after().outcome() == Outcome.SAFE);
		md.append("| ").append(name).append(" | ").append(database).append(" | ").append(of.size()).append(" | ")
			.append(count(of, Measured::changed)).append(" | ").append(appliedBefore).append(" | ").append(share(safeBefore, appliedBefore))
			.append(" | ").append(appliedAfter).append(" | ").append(share(safeAfter, appliedAfter)).append(" | ")
			.append(share(count(of, m -> m.before().outcome() != Outcome.EXCLUDED && m.after().outcome() == Outcome.SAFE), appliedBefore))
			.append(" | ").append(count(of, Measured::broken)).append(" |\n");
	}

	private static void downsRow(StringBuilder md, String name, List<Measured> of) {
		long written = count(of, m -> m.down().outcome() != DownOutcome.NOT_WRITTEN);
		long tried = count(of, m -> m.down().outcome() == DownOutcome.EQUAL || m.down().outcome() == DownOutcome.DIFFERS
				|| m.down().outcome() == DownOutcome.ERROR);
		md.append("| ").append(name).append(" | ").append(of.size()).append(" | ").append(written).append(" | ")
			.append(count(of, m -> m.down().outcome() == DownOutcome.FIX_THREW)).append(" | ")
			.append(count(of, m -> m.down().outcome() == DownOutcome.NOT_SAMPLED)).append(" | ")
			.append(count(of, m -> m.down().outcome() == DownOutcome.UP_FAILED)).append(" | ")
			.append(share(count(of, m -> m.down().outcome() == DownOutcome.EQUAL), tried)).append(" | ")
			.append(count(of, m -> m.down().outcome() == DownOutcome.DIFFERS)).append(" | ")
			.append(count(of, m -> m.down().outcome() == DownOutcome.ERROR)).append(" |\n");
	}

	/** A differing down's class: the kinds of objects it left different, or the client's error with names left out. */
	static String downClass(Measured m) {
		if (m.down().outcome() == DownOutcome.FIX_THREW) {
			return "the fix threw writing the down: " + m.down().detail().replaceAll("^\\S+: ", "");
		}
		if (m.down().outcome() == DownOutcome.ERROR) {
			return AuditAccuracy.missClass(new DynamicTruth.Result(Outcome.ERROR, m.down().detail(), 0, false))
				.replace("replay error: ", "down failed: ");
		}
		return AuditAccuracy.missClass(new DynamicTruth.Result(Outcome.CHANGES, m.down().detail(), 0, false))
			.replace("replay changes: ", "differs: ");
	}

	/** "{count} ({shown} of {n})" as a percentage with the counts beside it. */
	static String share(long count, long of) {
		return count + " (" + Tally.percent(of == 0 ? Double.NaN : (double) count / of) + ")";
	}

	private static String examples(List<Measured> list, java.util.function.Function<Measured, String> detail) {
		String shown = list.stream().limit(4).map(m -> "`" + m.set() + "/" + m.name() + "`"
				+ (detail.apply(m).isEmpty() ? "" : " (" + abbreviate(detail.apply(m)) + ")")).collect(Collectors.joining(", "));
		return list.size() > 4 ? shown + ", and " + (list.size() - 4) + " more" : shown;
	}

	private static String abbreviate(String s) {
		return s.length() > 200 ? s.substring(0, 197) + "..." : s;
	}

	private static Map<String, List<Measured>> group(List<Measured> list, java.util.function.Function<Measured, String> key) {
		Map<String, List<Measured>> groups = new TreeMap<>();
		list.forEach(m -> groups.computeIfAbsent(key.apply(m), k -> new ArrayList<>()).add(m));
		return groups;
	}

	private static long count(List<Measured> list, Predicate<Measured> p) {
		return list.stream().filter(p).count();
	}
}
