package dev.replaysafe.bench.accuracy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.replaysafe.bench.accuracy.Corpus.Database;
import dev.replaysafe.bench.accuracy.DynamicTruth.Outcome;

/**
 * Measures the static audit's replay verdict against the dynamic truth on a corpus of real migration sets
 * (see {@link Corpus}), side by side with squawk's on the PostgreSQL files, and writes the report
 * ({@code docs/AUDIT-ACCURACY.md} between its markers). Run by {@code scripts/audit-accuracy}.
 *
 * <pre>
 *   --docs FILE    splice the report into FILE between its markers (scripts/audit-accuracy passes docs/AUDIT-ACCURACY.md)
 *   --work DIR     where the sets' files, fetched repositories and SQLite databases go (bench/target/audit-accuracy)
 *   --mirror DIR   read repositories from DIR/owner+name/repo when it has the commit (else $REPLAYSAFE_CORPUS_MIRROR)
 *   --squawk FILE  the squawk binary (without it the squawk columns are left empty)
 *   --sets a,b     only these sets (by name)
 * </pre>
 * PostgreSQL: {@code POSTGRES_TEST_URL}, a JDBC URL whose role may create databases.
 */
public final class AuditAccuracy {

	static final String START = "<!-- audit-accuracy:start -->";
	static final String END = "<!-- audit-accuracy:end -->";

	/** One file's truth and verdicts. {@code squawk} is null where squawk did not run (SQLite, or no binary). */
	record Measured(String set, Database database, String name, DynamicTruth.Result truth, Verdicts.Audited audit,
			Set<String> squawk) {

		boolean measured() {
			return truth.outcome() != Outcome.EXCLUDED;
		}

		boolean squawkFlagged() {
			return squawk.contains(Verdicts.SQUAWK_REPLAY_RULE);
		}
	}

	private AuditAccuracy() {
	}

	public static void main(String[] args) throws Exception {
		RunOptions options = RunOptions.parse(args, "AuditAccuracy [--docs FILE] [--work DIR] [--mirror DIR] [--squawk FILE] [--sets a,b]", "scripts/audit-accuracy");
		String pgUrl = options.pgUrl();
		Path work = options.work("bench/target/audit-accuracy");
		Path mirror = options.mirror();
		Path squawk = options.get("squawk") != null ? Path.of(options.get("squawk")) : null;
		List<String> only = options.sets();

		Instant started = Instant.now();
		List<Measured> all = new ArrayList<>();
		List<Corpus.Set> sets = Corpus.SETS.stream().filter(s -> only == null || only.contains(s.name())).toList();
		for (Corpus.Set set : sets) {
			List<Corpus.File> files = Corpus.files(set, mirror, work);
			Instant t = Instant.now();
			List<Measured> measured = measure(set.name(), set.database(), files.stream().map(f -> f.shortName(set)).toList(),
					files.stream().map(Corpus.File::text).toList(), work, pgUrl, squawk);
			all.addAll(measured);
			System.out.printf("%-24s %4d files, %4d measured, %s%n", set.name(), files.size(),
					measured.stream().filter(Measured::measured).count(), Duration.between(t, Instant.now()));
		}
		files(all, work);
		String report = report(sets, all, squawk != null, Duration.between(started, Instant.now()));
		write(report, work, options.get("docs"), START, END);
	}

	/**
	 * Measures one set: writes its files under {@code work/sets/<set>}, takes the dynamic truth with the
	 * database's reference client, and the verdicts of the audit and (PostgreSQL, when given) squawk.
	 */
	static List<Measured> measure(String set, Database database, List<String> names, List<String> texts, Path work,
			String pgUrl, Path squawk) throws Exception {
		Path dir = work.resolve("sets").resolve(set);
		Files.createDirectories(dir);
		List<Path> paths = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			String base = names.get(i).replaceAll("[^A-Za-z0-9._-]+", "_");
			Path file = dir.resolve(String.format("%04d_%s%s", i + 1, base, base.endsWith(".sql") ? "" : ".sql"));
			Files.writeString(file, texts.get(i));
			paths.add(file);
		}
		List<DynamicTruth.Result> truth = TruthCache.read(work, set, database, names, texts);
		if (truth == null) {
			try (ReferenceDatabase db = database == Database.POSTGRESQL ? new PsqlDatabase(pgUrl) : new Sqlite3Database(dir.resolve("db"))) {
				truth = DynamicTruth.measure(db, paths, texts);
			}
			TruthCache.write(work, set, database, names, texts, truth);
		}
		Map<Path, Set<String>> squawked = squawk != null && database == Database.POSTGRESQL ? Verdicts.squawk(squawk, paths) : null;
		List<Verdicts.Audited> audited = Verdicts.audit(names.stream().map(n -> set + "/" + n).toList(), texts,
				truth.stream().map(t -> t.outcome() != Outcome.EXCLUDED).toList());
		List<Measured> measured = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			measured.add(new Measured(set, database, names.get(i), truth.get(i), audited.get(i),
					squawked == null ? null : squawked.get(paths.get(i).toAbsolutePath())));
		}
		return measured;
	}

	/** A miss's class: what the reference client said, with names left out, or what the replay changed. */
	static String missClass(DynamicTruth.Result truth) {
		if (truth.outcome() == Outcome.ERROR || truth.outcome() == Outcome.EXCLUDED) {
			String m = truth.detail().replaceAll("\"[^\"]*\"", "\"…\"");
			if (!m.startsWith("ERROR:")) {
				m = m.replaceAll("^(table|index|trigger|view) \\S+ ", "$1 … ").replaceAll(": .*$", ": …");
			}
			return "replay error: " + m;
		}
		List<String> kinds = new ArrayList<>();
		for (String part : truth.detail().split("; ")) {
			if (part.matches(".* [+]\\d+/-\\d+ rows")) {
				kinds.add(part.matches(".* [+]\\d+/-0 rows") ? "rows added" : "rows removed or rewritten");
			}
			else if (part.matches("^\\S+( \\S+)? .* (added|dropped|changed)$")) {
				String kind = part.startsWith("table ") || part.startsWith("index ") || part.startsWith("view ")
						|| part.startsWith("trigger ") ? part.substring(0, part.indexOf(' ')).toUpperCase() : part.substring(0, part.indexOf(' '));
				kinds.add(kind + " " + part.substring(part.lastIndexOf(' ') + 1));
			}
		}
		return "replay changes: " + kinds.stream().distinct().sorted().collect(Collectors.joining(", "));
	}

	/** Why the audit likely missed a file: a rule it filed the statement under, or what the replay needed to be seen. */
	static String missCause(Measured m) {
		Set<String> other = m.audit().otherRules().stream().filter(r -> !r.equals("unused-waiver")).collect(Collectors.toSet());
		String detail = m.truth().detail();
		if (m.audit().failure() != null) {
			return "the audit failed on the file";
		}
		if (m.truth().outcome() == Outcome.ERROR && detail.matches("(?s).*(does not exist|no such (column|table)).*")) {
			return "cross-file: a later file dropped or renamed what this file uses";
		}
		if (m.truth().outcome() == Outcome.CHANGES && detail.contains(" changed")) {
			return "cross-file: the replay reverts a later file's definition";
		}
		if (m.truth().outcome() == Outcome.CHANGES && detail.contains(" dropped")) {
			return "cross-file: the replay drops what a later file created";
		}
		if (m.truth().outcome() == Outcome.CHANGES && detail.contains(" added")) {
			return "cross-file: the replay re-creates what a later file dropped";
		}
		if (!other.isEmpty()) {
			return "seen only by other rules: " + String.join(", ", new java.util.TreeSet<>(other));
		}
		if (m.truth().outcome() == Outcome.CHANGES) {
			return "a data change no rule sees";
		}
		return "no rule for the statement";
	}

	static String report(List<Corpus.Set> sets, List<Measured> all, boolean squawkRan, Duration took) {
		StringBuilder md = new StringBuilder();
		md.append("_Generated by `scripts/audit-accuracy` on ")
			.append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atOffset(ZoneOffset.UTC)))
			.append(" in ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s; replay rules: ")
			.append(replayRules()).append("._\n\n");

		md.append("### Corpus\n\n| set | repository @ commit | database | up files | excluded | measured | safe | changes | error |\n")
			.append("|---|---|---|--:|--:|--:|--:|--:|--:|\n");
		for (Corpus.Set set : sets) {
			List<Measured> of = all.stream().filter(m -> m.set().equals(set.name())).toList();
			md.append("| ").append(set.name()).append(" | [").append(set.repo()).append(" @ ").append(set.commit(), 0, 12).append("](")
				.append(set.url()).append(") | ").append(set.database() == Database.POSTGRESQL ? "PostgreSQL" : "SQLite").append(" | ")
				.append(of.size()).append(" | ").append(count(of, m -> !m.measured())).append(" | ").append(count(of, Measured::measured))
				.append(" | ").append(count(of, m -> m.truth().outcome() == Outcome.SAFE)).append(" | ")
				.append(count(of, m -> m.truth().outcome() == Outcome.CHANGES)).append(" | ")
				.append(count(of, m -> m.truth().outcome() == Outcome.ERROR)).append(" |\n");
		}
		md.append("| **all** | | | ").append(all.size()).append(" | ").append(count(all, m -> !m.measured())).append(" | ")
			.append(count(all, Measured::measured)).append(" | ").append(count(all, m -> m.truth().outcome() == Outcome.SAFE))
			.append(" | ").append(count(all, m -> m.truth().outcome() == Outcome.CHANGES)).append(" | ")
			.append(count(all, m -> m.truth().outcome() == Outcome.ERROR)).append(" |\n\n");

		md.append("### Figures\n\nPositive = not replay-safe (the replay errors or changes the schema or rows).\n\n")
			.append("| files | verdict | n | accuracy | precision | recall | flagged, not safe | false alarms | misses | missed errors "
					+ "| missed row losses |\n")
			.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		List<Measured> pg = all.stream().filter(m -> m.measured() && m.database() == Database.POSTGRESQL).toList();
		List<Measured> sqlite = all.stream().filter(m -> m.measured() && m.database() == Database.SQLITE).toList();
		List<Measured> both = all.stream().filter(Measured::measured).toList();
		row(md, "PostgreSQL", "replaysafe", pg, m -> m.audit().flagged());
		if (squawkRan) {
			row(md, "PostgreSQL", "squawk `" + Verdicts.SQUAWK_REPLAY_RULE + "`", pg, Measured::squawkFlagged);
		}
		row(md, "SQLite", "replaysafe", sqlite, m -> m.audit().flagged());
		row(md, "all", "replaysafe", both, m -> m.audit().flagged());
		md.append('\n');

		md.append("### replaysafe's misses by class\n\nNot replay-safe, not flagged; grouped by the likely cause, then by what the "
				+ "reference client said (names left out) or what the replay changed.\n\n");
		misses(md, both, m -> m.audit().flagged(), true);
		if (squawkRan) {
			md.append("### squawk's misses by class (PostgreSQL)\n\n");
			misses(md, pg, Measured::squawkFlagged, false);
		}

		md.append("### replaysafe's false alarms\n\nFlagged, but the replay changed nothing; by the replay rule that fired.\n\n");
		Map<String, List<Measured>> alarms = new TreeMap<>();
		both.stream().filter(m -> m.audit().flagged() && m.truth().outcome() == Outcome.SAFE)
			.forEach(m -> m.audit().replayRules().forEach(r -> alarms.computeIfAbsent(r, k -> new ArrayList<>()).add(m)));
		if (alarms.isEmpty()) {
			md.append("None.\n\n");
		}
		alarms.forEach((rule, list) -> md.append("- `").append(rule).append("`: ").append(list.size()).append(" — ")
			.append(examples(list, false)).append('\n'));
		md.append('\n');

		md.append("### Excluded files\n\nThey failed on the first apply of their set (later files may fail only because an "
				+ "earlier one did); by what the client said.\n\n");
		Map<String, List<Measured>> excluded = group(all.stream().filter(m -> !m.measured()).toList(), m -> missClass(m.truth()));
		if (excluded.isEmpty()) {
			md.append("None.\n");
		}
		excluded.forEach((c, list) -> md.append("- ").append(c.replace("replay error: ", "")).append(": ").append(list.size())
			.append(" — ").append(examples(list, false)).append('\n'));
		return md.toString();
	}

	private static void row(StringBuilder md, String files, String verdict, List<Measured> of, Predicate<Measured> flagged) {
		Tally t = new Tally();
		of.forEach(m -> t.add(flagged.test(m), m.truth().outcome().notSafe()));
		long missedErrors = of.stream().filter(m -> m.truth().outcome() == Outcome.ERROR && !flagged.test(m)).count();
		long missedLosses = of.stream().filter(m -> m.truth().lostRows() && !flagged.test(m)).count();
		md.append("| ").append(files).append(" | ").append(verdict).append(" | ").append(t.total()).append(" | ")
			.append(Tally.percent(t.accuracy())).append(" | ").append(Tally.percent(t.precision())).append(" | ")
			.append(Tally.percent(t.recall())).append(" | ").append(t.truePositives).append(" | ").append(t.falsePositives)
			.append(" | ").append(t.falseNegatives).append(" | ").append(missedErrors).append(" | ").append(missedLosses).append(" |\n");
	}

	private static void misses(StringBuilder md, List<Measured> of, Predicate<Measured> flagged, boolean byCause) {
		List<Measured> missed = of.stream().filter(m -> m.truth().outcome().notSafe() && !flagged.test(m)).toList();
		if (missed.isEmpty()) {
			md.append("None.\n\n");
			return;
		}
		Map<String, List<Measured>> causes = byCause ? group(missed, AuditAccuracy::missCause) : Map.of("", missed);
		causes.entrySet().stream().sorted((a, b) -> b.getValue().size() - a.getValue().size()).forEach(cause -> {
			if (byCause) {
				md.append("**").append(cause.getKey()).append("** (").append(cause.getValue().size()).append(")\n\n");
			}
			group(cause.getValue(), m -> missClass(m.truth())).entrySet().stream()
				.sorted((a, b) -> b.getValue().size() - a.getValue().size())
				.forEach(c -> md.append("- ").append(c.getKey()).append(": ").append(c.getValue().size()).append(" — ")
					.append(examples(c.getValue(), true)).append('\n'));
			md.append('\n');
		});
	}

	private static String examples(List<Measured> list, boolean detail) {
		String shown = list.stream().limit(4).map(m -> "`" + m.set() + "/" + m.name() + "`"
				+ (detail && m.truth().outcome() == Outcome.CHANGES ? " (" + m.truth().detail() + ")" : "")
				+ (detail && m.truth().outcome() == Outcome.ERROR ? " (" + m.truth().detail() + ")" : ""))
			.collect(Collectors.joining(", "));
		return list.size() > 4 ? shown + ", and " + (list.size() - 4) + " more" : shown;
	}

	private static Map<String, List<Measured>> group(List<Measured> list, java.util.function.Function<Measured, String> key) {
		Map<String, List<Measured>> groups = new TreeMap<>();
		list.forEach(m -> groups.computeIfAbsent(key.apply(m), k -> new ArrayList<>()).add(m));
		return groups;
	}

	private static long count(List<Measured> list, Predicate<Measured> p) {
		return list.stream().filter(p).count();
	}

	private static String replayRules() {
		return java.util.Arrays.stream(dev.replaysafe.Audit.Rule.values()).map(dev.replaysafe.Audit.Rule::id)
			.filter(Verdicts::replayRule).map(id -> "`" + id + "`")
			.collect(Collectors.joining(", "));
	}

	/** Every measured file on one line of {@code work/files.tsv}: truth, verdicts and rules, to study misses. */
	static void files(List<Measured> all, Path work) throws IOException {
		StringBuilder tsv = new StringBuilder("set\tfile\ttruth\tlost rows\treplaysafe\tsquawk\treplay rules\tother rules\tdetail\n");
		for (Measured m : all) {
			tsv.append(m.set()).append('\t').append(m.name()).append('\t').append(m.truth().outcome()).append('\t')
				.append(m.truth().lostRows()).append('\t').append(m.audit().flagged()).append('\t')
				.append(m.squawk() == null ? "" : m.squawkFlagged()).append('\t').append(String.join(",", m.audit().replayRules()))
				.append('\t').append(String.join(",", m.audit().otherRules())).append('\t')
				.append(m.truth().detail().replaceAll("\\s+", " ")).append('\n');
		}
		Files.createDirectories(work);
		Files.writeString(work.resolve("files.tsv"), tsv);
	}

	/**
	 * Writes the report to {@code work/report.md} and, given a {@code docs} page, between its
	 * {@code start} and {@code end} markers (the rest of the page is hand-written and kept).
	 */
	static void write(String report, Path work, String docsPage, String startMarker, String endMarker)
			throws IOException {
		Files.createDirectories(work);
		Files.writeString(work.resolve("report.md"), report);
		System.out.println("wrote " + work.resolve("report.md"));
		if (docsPage != null) {
			Path docs = Path.of(docsPage);
			String page = Files.readString(docs);
			int start = page.indexOf(startMarker);
			int end = page.indexOf(endMarker);
			if (start < 0 || end < start) {
				throw new IllegalStateException(docs + " has no " + startMarker + " ... " + endMarker
						+ " markers to put the report between");
			}
			Files.writeString(docs, page.substring(0, start + startMarker.length()) + "\n" + report + page.substring(end));
			System.out.println("updated " + docs);
		}
	}

}
