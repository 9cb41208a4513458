package dev.replaysafe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Predicate;

/**
 * The results of one invocation: a console table, a CSV of every measured run, a Markdown page,
 * and the same Markdown spliced into {@code docs/BENCHMARKS.md} between its markers. Ratios are
 * medians over medians of the same invocation.
 */
final class Report {

	static final String START = "<!-- bench:results:start -->";
	static final String END = "<!-- bench:results:end -->";

	private final List<Sample> samples;
	private final List<String> notes;
	private final Bench.Options options;
	private final long seconds;
	private final Instant when = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	Report(List<Sample> samples, List<String> notes, Bench.Options options, long seconds) {
		this.samples = samples;
		this.notes = notes;
		this.options = options;
		this.seconds = seconds;
	}

	/** The median of {@code s} over its group's baseline (for "N processes", over the same engine × 1). */
	double ratio(Sample s) {
		String baseline = s.group().baseline().equals("1 process") ? s.engine().replaceFirst("× \\d+$", "× 1")
				: s.group().baseline();
		return samples.stream().filter(b -> b.group().equals(s.group()) && b.engine().equals(baseline)).findFirst()
				.map(b -> s.median() / b.median()).orElse(Double.NaN);
	}

	private String baselineLabel(Sample s) {
		return s.group().baseline().equals("1 process") ? s.engine().replaceFirst("× \\d+$", "× 1") : s.group().baseline();
	}

	String table() {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%-12s %5s %-9s %-18s %10s %10s %10s %7s %-12s %8s%n", "case", "N", "db", "engine",
				"median ms", "min", "max", "ratio", "vs", "cpu ms"));
		for (Sample s : samples) {
			out.append(String.format(Locale.ROOT, "%-12s %5d %-9s %-18s %10.1f %10.1f %10.1f %7.2f %-12s %8.0f%n",
					s.group().benchCase(), s.group().size(), s.group().db(), s.engine(), s.median(), s.min(), s.max(), ratio(s),
					baselineLabel(s), s.medianCpu()));
		}
		out.append('\n');
		targets().forEach(t -> out.append(t).append('\n'));
		notes.forEach(n -> out.append("note: ").append(n).append('\n'));
		return out.toString();
	}

	/** Each target (issues 6 and 14) that this invocation measured, with where it landed. */
	List<String> targets() {
		List<String> lines = new ArrayList<>();
		// Issue 14: one migration at a time within 10 % of the floor; grouped (the default on an empty
		// database), SQLite N = 1000 at half the floor, which commits once per migration.
		for (Sample s : find(s -> s.group().benchCase().equals("cold") && s.engine().startsWith("replaysafe"))) {
			boolean halfTheFloor = s.engine().equals("replaysafe") && s.group().db().equals("sqlite")
					&& s.group().size() >= 1000;
			lines.add(target("cold " + s.group().size() + " " + s.group().db() + ": " + s.engine() + " / raw JDBC",
					ratio(s), halfTheFloor ? 0.5 : 1.10, "×"));
		}
		for (Sample s : find(s -> s.group().benchCase().equals("warm") && s.engine().equals("replaysafe")
				&& s.group().size() >= 1000)) {
			lines.add(target("warm " + s.group().size() + " " + s.group().db() + ": replaysafe / Flyway", ratio(s), 0.40, "×"));
		}
		for (Sample s : find(s -> s.group().benchCase().equals("verify") && s.engine().equals("verifyReplay"))) {
			lines.add(target("verify " + s.group().size() + " " + s.group().db() + ": verifyReplay / cold migrate", ratio(s), 3,
					"×"));
		}
		for (Sample s : find(s -> s.group().benchCase().equals("boot") && s.engine().equals("starter"))) {
			double plain = find(b -> b.group().equals(s.group()) && b.engine().equals("no library")).stream()
					.mapToDouble(Sample::median).findFirst().orElse(Double.NaN);
			lines.add(target("boot " + s.group().db() + ": starter overhead over no library", s.median() - plain, 50, " ms"));
		}
		for (Sample s : find(s -> s.group().benchCase().equals("concurrent") && s.engine().startsWith("replaysafe")
				&& !s.engine().endsWith("× 1"))) {
			lines.add(target("concurrent " + s.group().db() + ": " + s.engine() + " / replaysafe × 1", ratio(s), 1.3, "×"));
		}
		for (Sample s : find(s -> s.group().benchCase().equals("endpoint") && !s.engine().equals("warm start"))) {
			lines.add(target("endpoint " + s.group().size() + " " + s.group().db() + ": " + s.engine() + " / one warm start",
					ratio(s), 1, "×"));
		}
		for (Sample s : find(s -> s.group().benchCase().equals("waivers"))) {
			lines.add(target("audit of " + s.group().size() + " waived statements", s.median(), 2000, " ms"));
		}
		return lines;
	}

	private static String target(String what, double value, double limit, String unit) {
		return String.format(Locale.ROOT, "target %-55s %8.2f%s (target ≤ %s%s) %s", what, value, unit,
				limit == Math.rint(limit) ? String.valueOf((long) limit) : String.valueOf(limit), unit,
				value <= limit ? "MET" : "MISSED");
	}

	private List<Sample> find(Predicate<Sample> which) {
		return samples.stream().filter(which).toList();
	}

	String csv() {
		StringBuilder out = new StringBuilder("case,n,db,engine,run,millis,cpu_millis\n");
		for (Sample s : samples) {
			for (int i = 0; i < s.millis().size(); i++) {
				out.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%.3f,%.1f%n", s.group().benchCase(), s.group().size(),
						s.group().db(), s.engine(), i + 1, s.millis().get(i), s.cpuMillis().get(i)));
			}
		}
		return out.toString();
	}

	String markdown() {
		StringBuilder out = new StringBuilder();
		out.append("Run ").append(when).append(" (").append(seconds).append(" s), ").append(options.runs())
				.append(" measured runs after ").append(options.warmup())
				.append(" warm-up round per engine and case (none for cold N ≥ 1000), each run in a fresh JVM.  \n");
		out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
				.append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
				.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(".  \n");
		out.append("Versions: ").append(versions()).append(".\n\n");
		out.append("| case | N | db | engine | median ms | min | max | ratio | vs | child CPU ms |\n");
		out.append("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |\n");
		for (Sample s : samples) {
			out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f | %.1f | %.2f | %s | %.0f |%n",
					s.group().benchCase(), s.group().size(), s.group().db(), s.engine(), s.median(), s.min(), s.max(), ratio(s),
					baselineLabel(s), s.medianCpu()));
		}
		out.append("\n");
		for (String t : targets()) {
			out.append("- ").append(t.replaceFirst("^target\\s+", "").replaceAll("\\s{2,}", " ")).append('\n');
		}
		for (String n : notes) {
			out.append("- note: ").append(n).append('\n');
		}
		return out.toString();
	}

	private String versions() {
		Properties p = new Properties();
		try (InputStream in = Report.class.getResourceAsStream("/bench-versions.properties")) {
			if (in != null) {
				p.load(in);
			}
		}
		catch (IOException e) {
			// versions are informative only
		}
		StringBuilder out = new StringBuilder("replaysafe " + p.getProperty("replaysafe", "?") + ", Flyway "
				+ p.getProperty("flyway", "?") + ", Liquibase " + p.getProperty("liquibase", "?") + ", sqlite-jdbc "
				+ p.getProperty("sqlite", "?") + ", pgjdbc " + p.getProperty("postgresql", "?"));
		String server = System.getenv("POSTGRES_TEST_URL");
		if (server != null && options.dbs().contains(Database.Kind.POSTGRES)) {
			try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement();
					ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
							+ "current_setting('synchronous_commit')")) {
				rs.next();
				out.append(", PostgreSQL ").append(rs.getString(1)).append(" (fsync=").append(rs.getString(2))
						.append(", synchronous_commit=").append(rs.getString(3)).append(", local TCP)");
			}
			catch (Exception e) {
				out.append(", PostgreSQL (version unknown: ").append(e.getMessage()).append(')');
			}
		}
		return out.toString();
	}

	void write(Path dir, Path docs) throws IOException {
		Files.createDirectories(dir);
		String stamp = when.toString().replace(":", "").replace("-", "");
		String md = markdown();
		Files.writeString(dir.resolve("results-" + stamp + ".csv"), csv());
		Files.writeString(dir.resolve("results-" + stamp + ".md"), md);
		Files.writeString(dir.resolve("latest.csv"), csv());
		Files.writeString(dir.resolve("latest.md"), md);
		System.out.println("results: " + dir.resolve("latest.md") + ", " + dir.resolve("latest.csv"));
		if (docs != null) {
			String page = Files.readString(docs);
			int start = page.indexOf(START);
			int end = page.indexOf(END);
			if (start < 0 || end < start) {
				throw new IllegalStateException(docs + " has no " + START + " ... " + END + " markers to put the table between");
			}
			Files.writeString(docs, page.substring(0, start + START.length()) + "\n" + md + page.substring(end));
			System.out.println("updated " + docs);
		}
	}
}
