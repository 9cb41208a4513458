package dev.replaysafe;

import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.history.History;
import dev.replaysafe.internal.schema.SchemaSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import dev.replaysafe.VerificationReport.Check;
import dev.replaysafe.VerificationReport.Problem;

/**
 * Proves on a scratch database that a migration set does what replaysafe promises: every up can
 * run twice ({@link #verifyReplay()}) and every down returns the schema to exactly where its up
 * found it ({@link #verifyDownRoundTrip()}), on SQLite and PostgreSQL alike.
 *
 * <p>It runs on the {@link Migrator}'s own DataSource, files and settings (history table, audit
 * mode). That database must be a scratch one: a check applies, re-runs and reverts every
 * migration, so it refuses with a {@link MigrationException}, touching nothing, when the
 * database holds any table, index, view or history row at the start. Each check needs its own
 * empty database; when it passes it leaves that database fully migrated (every up applied and
 * recorded), which is also where a failing replay check stops; a failing down check stops where
 * the failure happened.
 *
 * <p>Compared are {@link SchemaSnapshot schema snapshots} and, per table, the row count (and for
 * the replay the rows' contents too, so a non-idempotent {@code UPDATE} is caught as well as an
 * {@code INSERT} that duplicates rows).
 */
public final class Verifier {

	private static final String FIX_REPLAY_ERROR = "guard every statement so that a second run finds its work done "
			+ "and skips it: CREATE ... IF NOT EXISTS, DROP ... IF EXISTS, ALTER TABLE ... ADD COLUMN IF NOT EXISTS / "
			+ "DROP COLUMN IF EXISTS, INSERT ... ON CONFLICT DO NOTHING";

	private static final String FIX_REPLAY_DATA = "a second run must change no row: guard every INSERT with "
			+ "ON CONFLICT (...) DO NOTHING (or WHERE NOT EXISTS), and give every UPDATE or DELETE a WHERE that skips "
			+ "the rows already done";

	private static final String FIX_REPLAY_SCHEMA = "a second run must leave the schema as the first run left it: "
			+ "guard each change with IF NOT EXISTS / IF EXISTS so that it is skipped once done";

	private static final String FIX_DOWN = "make the down undo everything its up does, in reverse: drop what the up "
			+ "creates (tables, columns, indexes, views), re-create what it drops, delete the rows it inserts";

	private static final String FIX_DOWN_ERROR = "the down must run on the schema its up leaves (and, guarded with "
			+ "IF EXISTS, again after a partial run); fix the statement named above";

	private static final String FIX_REDO = "a down leaves something behind that the up then skips (its IF NOT EXISTS "
			+ "guard sees it), or removes something the up does not re-create; make the down undo its up exactly";

	private final Migrator migrator;

	private Verifier(Migrator migrator) {
		this.migrator = Objects.requireNonNull(migrator, "migrator");
	}

	/** A verifier for {@code migrator}'s files, on its DataSource, which must be a scratch database. */
	public static Verifier of(Migrator migrator) {
		return new Verifier(migrator);
	}

	/**
	 * Applies every up ({@link Migrator#migrate()}), then executes every up file again in version
	 * order, ignoring the history (each in its own transaction, unless it opts out). Passes when
	 * nothing fails and the schema, the row counts and the rows are what the first run left.
	 *
	 * @throws MigrationException if the database is not empty (nothing is changed then)
	 */
	public VerificationReport verifyReplay() {
		String database = migrator.databaseDescription();
		try (Connection c = migrator.dataSource().getConnection()) {
			c.setAutoCommit(true);
			return replayCheck(c, database);
		}
		catch (SQLException e) {
			throw new MigrationException("Could not run the replay check on " + database + ": " + e.getMessage(), e);
		}
	}

	private VerificationReport replayCheck(Connection c, String database) throws SQLException {
		List<Migration> all = migrations();
		requireScratch(c, database);
		List<String> checked = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		try {
			migrator.migrate();
		}
		catch (MigrationException e) {
			problems.add(new Problem("up", null, null, "the first run failed, so nothing could be replayed", errorLines(e),
					"fix the migration named above; every up must apply to the state the ups before it leave"));
			return new VerificationReport(Check.REPLAY, database, all.size(), checked, problems);
		}
		State first = state(c);
		checked.add("first run: " + all.size() + " ups applied: " + first.schema.summary() + "; " + first.rowSummary());

		List<Step> steps = new ArrayList<>();
		State previous = first;
		Dialect dialect = Dialect.of(c);
		for (Migration m : all) {
			MigrationException failure = replay(c, dialect, m);
			if (failure != null) {
				problems.add(new Problem("replay", m.version(), m.up().fileName(), "running it a second time failed",
						errorLines(failure), FIX_REPLAY_ERROR));
			}
			State now = state(c);
			steps.add(new Step(m, previous, now));
			previous = now;
		}
		State replayed = previous;
		problems.addAll(blame(first, replayed, steps));
		if (problems.isEmpty()) {
			checked.add("replay: every up executed again, ignoring the history: schema, row counts and rows unchanged");
		}
		return new VerificationReport(Check.REPLAY, database, all.size(), checked, problems);
	}

	/**
	 * Applies the ups one at a time from the empty database, snapshotting before each; reverts
	 * them with their downs in strict reverse order, checking after the down of each migration
	 * that the schema (and the row counts) equal those before its up, so that the end state is the
	 * empty baseline; then applies the ups again (redo), checking each against its first run.
	 *
	 * @throws MigrationException if the database is not empty (nothing is changed then)
	 */
	public VerificationReport verifyDownRoundTrip() {
		String database = migrator.databaseDescription();
		try (Connection c = migrator.dataSource().getConnection()) {
			c.setAutoCommit(true);
			return downCheck(c, database);
		}
		catch (SQLException e) {
			throw new MigrationException("Could not run the down round-trip check on " + database + ": " + e.getMessage(),
					e);
		}
	}

	/** Snapshots go through {@code c}; the migrations run on connections of their own, as they would in an application. */
	private VerificationReport downCheck(Connection c, String database) throws SQLException {
		List<Migration> all = migrations();
		requireScratch(c, database);
		List<String> checked = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();

		List<State> before = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			before.add(state(c));
			MigrationException failure = upTo(all, i);
			if (failure != null) {
				problems.add(new Problem("up", all.get(i).version(), all.get(i).up().fileName(), "the first run failed",
						errorLines(failure), "fix the migration; every up must apply to the state the ups before it leave"));
				return new VerificationReport(Check.DOWN_ROUND_TRIP, database, all.size(), checked, problems);
			}
		}
		State full = state(c);
		before.add(full);
		checked.add("up, one migration at a time from the empty database: " + full.schema.summary());

		Set<String> reported = new HashSet<>();
		int restored = 0;
		for (int i = all.size() - 1; i >= 0; i--) {
			Migration m = all.get(i);
			try {
				Rollback.of(migrator).rollback(m.version() - 1);
			}
			catch (MigrationException e) {
				problems.add(new Problem("down", m.version(), m.down().fileName(), "it failed", errorLines(e),
						FIX_DOWN_ERROR));
				checked.add("down: stopped at " + m.down().fileName() + "; redo not run");
				return new VerificationReport(Check.DOWN_ROUND_TRIP, database, all.size(), checked, problems);
			}
			State now = state(c);
			List<String> lines = differences(before.get(i), now, "before " + m.up().fileName() + " was applied",
					"after its down");
			// A leftover shows again after every earlier down until its table goes: report it once.
			lines.removeIf(line -> !reported.add(line));
			if (lines.isEmpty()) {
				restored++;
			}
			else {
				problems.add(new Problem("down", m.version(), m.down().fileName(), "after it, the database differs from "
						+ "the database before " + m.up().fileName() + " was applied", lines, FIX_DOWN));
			}
		}
		checked.add("down, in strict reverse order: " + restored + " of " + all.size() + " downs restored the schema "
				+ "and row counts their up started from" + (restored == all.size() ? "; the end state is the empty baseline"
						: ""));

		reported.clear();
		int redone = 0;
		for (int i = 0; i < all.size(); i++) {
			Migration m = all.get(i);
			MigrationException failure = upTo(all, i);
			if (failure != null) {
				problems.add(new Problem("redo", m.version(), m.up().fileName(), "applying it again after the downs failed",
						errorLines(failure), FIX_REDO));
				return new VerificationReport(Check.DOWN_ROUND_TRIP, database, all.size(), checked, problems);
			}
			List<String> lines = differences(before.get(i + 1), state(c), "after its first run", "after the redo");
			lines.removeIf(line -> !reported.add(line));
			if (lines.isEmpty()) {
				redone++;
			}
			else {
				problems.add(new Problem("redo", m.version(), m.up().fileName(), "applied again after the downs, it "
						+ "leaves a different database than its first run", lines, FIX_REDO));
			}
		}
		checked.add("redo: every up applied again: " + (redone == all.size()
				? "the schema and row counts equal the first run's" : redone + " of " + all.size() + " matched the first run"));
		return new VerificationReport(Check.DOWN_ROUND_TRIP, database, all.size(), checked, problems);
	}

	/** Runs {@link #verifyReplay()}; if it fails, throws an AssertionError whose message is the report. */
	public void assertReplaySafe() {
		VerificationReport report = verifyReplay();
		if (!report.passed()) {
			throw new AssertionError(report.text());
		}
	}

	/** Runs {@link #verifyDownRoundTrip()}; if it fails, throws an AssertionError whose message is the report. */
	public void assertDownRoundTrip() {
		VerificationReport report = verifyDownRoundTrip();
		if (!report.passed()) {
			throw new AssertionError(report.text());
		}
	}

	private List<Migration> migrations() {
		List<Migration> all = new ArrayList<>(migrator.migrations());
		all.sort(Comparator.comparingLong(Migration::version));
		return all;
	}

	/** Refuses a database that holds anything: the checks would change or destroy it. */
	private void requireScratch(Connection c, String database) throws SQLException {
		SchemaSnapshot schema = SchemaSnapshot.read(c, migrator.table());
		History history = new History(Dialect.of(c), migrator.table());
		int rows = history.exists(c) ? history.read(c).size() : 0;
		if (schema.isEmpty() && rows == 0) {
			return;
		}
		List<String> found = new ArrayList<>();
		if (!schema.tables().isEmpty()) {
			found.add("tables " + abbreviate(List.copyOf(schema.tables().keySet())));
		}
		if (!schema.views().isEmpty()) {
			found.add("views " + abbreviate(List.copyOf(schema.views().keySet())));
		}
		if (schema.tables().isEmpty() && !schema.indexes().isEmpty()) {
			found.add("indexes " + abbreviate(List.copyOf(schema.indexes().keySet())));
		}
		if (!schema.others().isEmpty()) {
			found.add(abbreviate(List.copyOf(schema.others().keySet())));
		}
		if (rows > 0) {
			found.add(rows + " history row" + (rows == 1 ? "" : "s") + " in " + migrator.table());
		}
		throw new MigrationException("The verifier needs an empty scratch database, and this " + database
				+ " database is not empty (" + String.join("; ", found) + "). A check applies, re-runs and reverts "
				+ "every migration, which would change or destroy the data here, so nothing was done. Give it a new "
				+ "SQLite file or a new PostgreSQL database, a fresh one for each check");
	}

	private static String abbreviate(List<String> names) {
		return names.size() <= 5 ? String.join(", ", names)
				: String.join(", ", names.subList(0, 5)) + " and " + (names.size() - 5) + " more";
	}

	/** Applies the ups up to index {@code i} through a Migrator with the user's settings; the error, or null. */
	private MigrationException upTo(List<Migration> all, int i) {
		try {
			Migrator.builder(migrator.dataSource())
				.table(migrator.table())
				.audit(migrator.auditMode())
				.lockTimeout(migrator.lockTimeout())
				.validateChecksums(migrator.validateChecksums())
				.ignoreMissing(migrator.ignoreMissing())
				.migrations(all.subList(0, i + 1))
				.build()
				.migrate();
			return null;
		}
		catch (MigrationException e) {
			return e;
		}
	}

	/** Executes {@code m}'s up again, ignoring the history, as a run would; the error, or null. */
	private static MigrationException replay(Connection c, Dialect dialect, Migration m) throws SQLException {
		if (m.noTransaction()) {
			try {
				Migrator.run(c, dialect, m, m.up(), false);
				return null;
			}
			catch (MigrationException e) {
				return e;
			}
		}
		dialect.begin(c, m.up());
		try {
			Migrator.run(c, dialect, m, m.up(), true);
			dialect.commit(c);
			return null;
		}
		catch (MigrationException e) {
			try {
				dialect.rollback(c);
			}
			catch (SQLException rollback) {
				e.addSuppressed(rollback);
			}
			return e;
		}
		finally {
			dialect.afterMigration(c);
		}
	}

	/**
	 * The replay's differences, each put on the migration whose re-execution made it: a schema line
	 * on the last step that produced that very line, a table's rows on every step that changed them.
	 */
	private static List<Problem> blame(State first, State replayed, List<Step> steps) {
		List<String> schema = SchemaSnapshot.diff(first.schema, replayed.schema);
		Map<String, String> data = rowDifferences(first, replayed, "after the first run", "after the replay", true);
		Map<Migration, List<String>> schemaBy = new LinkedHashMap<>();
		Map<Migration, List<String>> dataBy = new LinkedHashMap<>();
		List<String> unexplained = new ArrayList<>();
		for (String line : schema) {
			Step culprit = null;
			for (Step step : steps) {
				if (SchemaSnapshot.diff(step.before.schema, step.after.schema).contains(line)) {
					culprit = step;
				}
			}
			if (culprit == null) {
				unexplained.add(line);
			}
			else {
				schemaBy.computeIfAbsent(culprit.migration, k -> new ArrayList<>()).add(line);
			}
		}
		data.forEach((table, line) -> {
			boolean blamed = false;
			for (Step step : steps) {
				if (!Objects.equals(step.before.rows.get(table), step.after.rows.get(table))) {
					dataBy.computeIfAbsent(step.migration, k -> new ArrayList<>()).add(line);
					blamed = true;
				}
			}
			if (!blamed) {
				unexplained.add(line);
			}
		});
		List<Problem> problems = new ArrayList<>();
		for (Step step : steps) {
			List<String> schemaLines = schemaBy.getOrDefault(step.migration, List.of());
			List<String> dataLines = dataBy.getOrDefault(step.migration, List.of());
			if (schemaLines.isEmpty() && dataLines.isEmpty()) {
				continue;
			}
			List<String> lines = new ArrayList<>(schemaLines);
			lines.addAll(dataLines);
			String changed = schemaLines.isEmpty() ? "the data" : dataLines.isEmpty() ? "the schema" : "the schema and the data";
			problems.add(new Problem("replay", step.migration.version(), step.migration.up().fileName(),
					"running it a second time changed " + changed, lines,
					dataLines.isEmpty() ? FIX_REPLAY_SCHEMA : FIX_REPLAY_DATA));
		}
		if (!unexplained.isEmpty()) {
			problems.add(new Problem("replay", null, null, "executing every up a second time changed the database",
					unexplained, FIX_REPLAY_SCHEMA));
		}
		return problems;
	}

	/** Schema differences, then row count differences of the tables both states have. */
	private static List<String> differences(State expected, State actual, String expectedWhen, String actualWhen) {
		List<String> lines = new ArrayList<>(SchemaSnapshot.diff(expected.schema, actual.schema));
		lines.addAll(rowDifferences(expected, actual, expectedWhen, actualWhen, false).values());
		return lines;
	}

	/** Per table present in both: a line when the count (or, if {@code contents}, the rows) differ. */
	private static Map<String, String> rowDifferences(State expected, State actual, String expectedWhen,
			String actualWhen, boolean contents) {
		Map<String, String> lines = new TreeMap<>();
		expected.rows.forEach((table, was) -> {
			Rows is = actual.rows.get(table);
			if (is == null) {
				return;
			}
			if (was.count != is.count) {
				lines.put(table, "table " + table + ": " + rows(was.count) + " " + expectedWhen + ", " + is.count + " "
						+ actualWhen);
			}
			else if (contents && !was.hash.equals(is.hash)) {
				lines.put(table, "table " + table + ": " + rows(was.count) + " both times, but their values changed "
						+ actualWhen.replaceFirst("^after", "by"));
			}
		});
		return lines;
	}

	private static String rows(long n) {
		return n + (n == 1 ? " row" : " rows");
	}

	/** The schema and every table's rows now. */
	private State state(Connection c) throws SQLException {
		SchemaSnapshot schema = SchemaSnapshot.read(c, migrator.table());
		SortedMap<String, Rows> rows = new TreeMap<>();
		for (SchemaSnapshot.Table table : schema.tables().values()) {
			rows.put(table.name(), Rows.of(c, table));
		}
		return new State(schema, rows);
	}

	/** A MigrationException as report lines: its problems, without the advice meant for a run at startup. */
	private static List<String> errorLines(MigrationException e) {
		List<String> lines = new ArrayList<>();
		String message = String.valueOf(e.getMessage());
		int list = message.indexOf(":\n  - ");
		if (list >= 0) {
			// Several problems at once (the audit's findings): the summary, then each.
			lines.add(message.substring(0, list));
			lines.addAll(e.problems());
			return lines;
		}
		for (String line : message.split("\n")) {
			if (line.startsWith("Nothing of this migration") || line.startsWith("This file runs without")) {
				break;
			}
			lines.add(line.strip());
		}
		return lines;
	}

	private record State(SchemaSnapshot schema, SortedMap<String, Rows> rows) {

		String rowSummary() {
			List<String> filled = rows.entrySet().stream().filter(e -> e.getValue().count > 0)
				.map(e -> e.getKey() + " " + e.getValue().count).toList();
			if (filled.isEmpty()) {
				return "no rows";
			}
			return "rows: " + (filled.size() <= 8 ? String.join(", ", filled)
					: String.join(", ", filled.subList(0, 8)) + " and " + (filled.size() - 8) + " more tables");
		}
	}

	private record Step(Migration migration, State before, State after) {
	}

	/**
	 * A table's row count and a hash of its rows (each rendered with its columns in name order,
	 * the rows sorted), so that neither row nor column order matters.
	 */
	private record Rows(long count, String hash) {

		static Rows of(Connection c, SchemaSnapshot.Table table) throws SQLException {
			List<String> columns = List.copyOf(table.columns().keySet());
			String select = "SELECT " + columns.stream().map(Verifier::quote).collect(Collectors.joining(", ")) + " FROM "
					+ quote(table.name());
			List<String> rendered = new ArrayList<>();
			try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
				while (rs.next()) {
					StringBuilder row = new StringBuilder();
					for (int i = 1; i <= columns.size(); i++) {
						Object value = rs.getObject(i);
						row.append(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(value))
							.append('\u001f');
					}
					rendered.add(row.toString());
				}
			}
			rendered.sort(null);
			try {
				MessageDigest digest = MessageDigest.getInstance("SHA-256");
				rendered.forEach(row -> digest.update((row + '\u001e').getBytes(StandardCharsets.UTF_8)));
				return new Rows(rendered.size(), HexFormat.of().formatHex(digest.digest()));
			}
			catch (NoSuchAlgorithmException e) {
				throw new IllegalStateException("every JDK has SHA-256", e);
			}
		}
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}
}
