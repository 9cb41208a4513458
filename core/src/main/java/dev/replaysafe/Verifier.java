package dev.replaysafe;

import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.history.History;
import dev.replaysafe.internal.schema.SchemaSnapshot;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.verify.Fixtures;
import dev.replaysafe.internal.verify.RowGenerator;
import dev.replaysafe.internal.verify.TableRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p>Compared are the schema (tables, columns with their types, defaults and generation, keys,
 * CHECK constraints, indexes, views, triggers) and every row of every table, normalised (rows
 * sorted, values in a text form), so a non-idempotent {@code UPDATE} is caught as well as an
 * {@code INSERT} that duplicates rows. Fixtures ({@link #fixtures}) give the tables rows before
 * the later ups, the replay and the downs run.
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

	private static final String FIX_DATA_LOSS = "a down cannot bring back values its up dropped; if that is "
			+ "acceptable, say so in the down: -- replaysafe:allow data-loss <reason>; otherwise keep the values (do not "
			+ "drop them, or copy them where the down can read them back)";

	private static final Pattern DATA_LOSS_WAIVER = Pattern
		.compile("(?im)^\\s*--\\s*replaysafe:allow\\s+data-loss(?:\\s+(\\S.*?))?\\s*$");

	/** A default that is the same value at every insert: a number, a string, NULL, TRUE or FALSE, maybe cast. */
	private static final Pattern CONSTANT = Pattern.compile("(?i)\\(*\\s*(-?[0-9.]+|'([^']|'')*'|null|true|false)\\s*\\)*"
			+ "(::[a-z ]+(\\([0-9, ]*\\))?)*");

	/** Where fixtures are read when {@link #fixtures} is not called: {@code classpath:db/fixtures}, if it exists. */
	public static final String DEFAULT_FIXTURE_LOCATION = "classpath:db/fixtures";

	private final Migrator migrator;

	private final List<String> fixtureLocations;

	private final boolean generateRows;

	/** Per table, the rows generated in this check (0: none could be made), in the order they were filled. */
	private final Map<String, Integer> generated = new LinkedHashMap<>();

	private Verifier(Migrator migrator, List<String> fixtureLocations, boolean generateRows) {
		this.migrator = Objects.requireNonNull(migrator, "migrator");
		this.fixtureLocations = List.copyOf(fixtureLocations);
		this.generateRows = generateRows;
	}

	/**
	 * A verifier for {@code migrator}'s files, on its DataSource, which must be a scratch database;
	 * with the fixtures of {@value #DEFAULT_FIXTURE_LOCATION} if that folder exists.
	 *
	 * @param migrator the files, settings and (scratch) DataSource to verify
	 * @return the verifier
	 */
	public static Verifier of(Migrator migrator) {
		return new Verifier(migrator, List.of(DEFAULT_FIXTURE_LOCATION), false);
	}

	/**
	 * The same verifier with fixtures read from {@code locations} instead ({@code classpath:}
	 * folders, jars, {@code filesystem:} paths; none for no fixtures). A fixture is a file
	 * {@code NNNN_description.sql}, loaded (in one transaction) right after up {@code NNNN} on the
	 * scratch database, so that the replay and the downs run over its rows. A location that does not
	 * exist, a fixture without a migration of its version, or two for one version fail the check with
	 * a {@link MigrationException} before anything runs; a fixture that fails names its file and line.
	 *
	 * @param locations where the fixture files are
	 * @return a new verifier; this one is unchanged
	 */
	public Verifier fixtures(String... locations) {
		return new Verifier(migrator, List.of(locations), generateRows);
	}

	/**
	 * The same verifier, but after each up and its fixture it also fills every table that still has
	 * no row with a few generated ones (off by default): values after the column's type, NOT NULL
	 * columns filled, defaults and generated columns left to the database, foreign keys taken from the
	 * parent's rows (parents first), CHECK constraints tried with their own string literals, so that
	 * backfills run over data without fixtures. The values are made from the row's number, so two runs
	 * insert the same rows. A table no generated row fits is named in the report and left empty;
	 * give it a fixture. Like fixture rows, a down is expected to keep them.
	 *
	 * @param generateRows whether to generate rows
	 * @return a new verifier; this one is unchanged
	 */
	public Verifier generateRows(boolean generateRows) {
		return new Verifier(migrator, fixtureLocations, generateRows);
	}

	/**
	 * Applies every up ({@link Migrator#migrate()}), each followed by its fixture if it has one, then
	 * executes every up file again in version order, ignoring the history (each in its own
	 * transaction, unless it opts out). After each up's second run the schema and every row of every
	 * table are compared with the first run's; a difference that this second run made (not one an
	 * earlier replay left) is put on its file, naming the table and the differing rows.
	 *
	 * @return the report, passed or not
	 * @throws MigrationException if the database is not empty (nothing is changed then), if the
	 *     fixtures are invalid, or if a fixture fails
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

	private Fixtures fixtures(List<Migration> all) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		return Fixtures.load(fixtureLocations, DEFAULT_FIXTURE_LOCATION,
				loader != null ? loader : Verifier.class.getClassLoader(), all);
	}

	private VerificationReport replayCheck(Connection c, String database) throws SQLException {
		generated.clear();
		List<Migration> all = migrations();
		Fixtures fixtures = fixtures(all);
		requireScratch(c, database);
		List<String> checked = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		MigrationException firstRun = firstRun(c, all, fixtures);
		if (firstRun != null) {
			problems.add(new Problem("up", null, null, "the first run failed, so nothing could be replayed",
					errorLines(firstRun), "fix the migration named above; every up must apply to the state the ups before "
							+ "it leave"));
			return new VerificationReport(Check.REPLAY, database, all.size(), checked, problems);
		}
		State first = state(c);
		checked.add("first run: " + all.size() + " ups applied" + (fixtures.isEmpty() ? "" : " with their fixtures")
				+ ": " + first.schema.summary() + "; " + first.rowSummary());
		generatedSummary(checked);

		State previous = first;
		Dialect dialect = Dialect.of(c);
		for (Migration m : all) {
			Replay replay = replay(c, dialect, m);
			if (replay.failure() != null) {
				problems.add(new Problem("replay", m.version(), m.up().fileName(), "running it a second time failed",
						errorLines(replay.failure()), FIX_REPLAY_ERROR));
			}
			if (replay.wroteNothing()) {
				// The state is the previous one, which blame() found no fault in: the snapshot (every
				// table's rows, N times over N tables) is what made the check quadratic.
				continue;
			}
			State now = state(c);
			Problem changed = blame(m, first, previous, now);
			if (changed != null) {
				problems.add(changed);
			}
			previous = now;
		}
		if (problems.isEmpty()) {
			checked.add("replay: every up executed again, ignoring the history: schema and every row unchanged after "
					+ "each");
		}
		return new VerificationReport(Check.REPLAY, database, all.size(), checked, problems);
	}

	/** Every up, each followed by its fixture; the first up's error, or null. */
	private MigrationException firstRun(Connection c, List<Migration> all, Fixtures fixtures) throws SQLException {
		if (fixtures.isEmpty() && !generateRows) {
			try {
				migrator.migrate();
				return null;
			}
			catch (MigrationException e) {
				return e;
			}
		}
		for (int i = 0; i < all.size(); i++) {
			SqlFile fixture = fixtures.of(all.get(i).version());
			if (fixture != null || generateRows || i == all.size() - 1) {
				MigrationException failure = upTo(all, i);
				if (failure != null) {
					return failure;
				}
			}
			if (fixture != null) {
				Fixtures.apply(c, all.get(i), fixture);
			}
			generate(c);
		}
		return null;
	}

	/**
	 * Applies the ups one at a time from the empty database, each followed by its fixture, taking
	 * the schema and every row before each; reverts them with their downs in strict reverse order,
	 * checking after the down of each migration that the schema (defaults, CHECK constraints and
	 * indexes included) and every row equal those before its up, so that the end state is the empty
	 * baseline; then applies the ups (and fixtures) again (redo), checking each against its first run.
	 * Values the up dropped (a column, a table), which no down can bring back, are reported as data
	 * loss naming the up's file and line, unless the down waives it with
	 * {@code -- replaysafe:allow data-loss <reason>}.
	 *
	 * @return the report, passed or not
	 * @throws MigrationException if the database is not empty (nothing is changed then), if the
	 *     fixtures are invalid, or if a fixture fails
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
		generated.clear();
		List<Migration> all = migrations();
		Fixtures fixtures = fixtures(all);
		requireScratch(c, database);
		List<String> checked = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();

		List<State> before = new ArrayList<>();
		// The state after an up and before its fixture, for the versions with one: the fixture's rows are no up's.
		Map<Integer, State> beforeFixture = new HashMap<>();
		for (int i = 0; i < all.size(); i++) {
			before.add(state(c));
			MigrationException failure = upTo(all, i);
			if (failure != null) {
				problems.add(new Problem("up", all.get(i).version(), all.get(i).up().fileName(), "the first run failed",
						errorLines(failure), "fix the migration; every up must apply to the state the ups before it leave"));
				return new VerificationReport(Check.DOWN_ROUND_TRIP, database, all.size(), checked, problems);
			}
			if (fixtures.of(all.get(i).version()) != null || generateRows) {
				beforeFixture.put(i, state(c));
				loadFixture(c, all.get(i), fixtures);
				generate(c);
			}
		}
		State full = state(c);
		before.add(full);
		checked.add("up, one migration at a time from the empty database" + (fixtures.isEmpty() ? "" : ", each with its "
				+ "fixture") + ": " + full.schema.summary());
		generatedSummary(checked);

		Set<String> reported = new HashSet<>();
		// Values a down could not restore (data loss): table -> columns ("*": the whole table), left out afterwards.
		Map<String, Set<String>> lost = new HashMap<>();
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
			State was = before.get(i);
			String wasWhen = "before " + m.up().fileName() + " was applied";
			List<String> lines = new ArrayList<>(SchemaSnapshot.diff(was.schema, now.schema));
			List<String> loss = new ArrayList<>();
			for (Map.Entry<String, TableRows> entry : was.rows.entrySet()) {
				String table = entry.getKey();
				TableRows expected = entry.getValue();
				TableRows actual = now.rows.get(table);
				State fixtureFrom = beforeFixture.get(i);
				if (actual != null && fixtureFrom != null && fixtureFrom.rows.containsKey(table)
						&& before.get(i + 1).rows.containsKey(table)) {
					// The down takes back its up, not the rows its fixture wrote, as it would the application's.
					expected = expected.plusChange(fixtureFrom.rows.get(table), before.get(i + 1).rows.get(table));
				}
				Set<String> gone = lost.getOrDefault(table, Set.of());
				if (actual == null || gone.contains("*")) {
					continue;
				}
				List<String> kept = expected.columns().stream().filter(column -> !gone.contains(column)).toList();
				TableRows.Difference difference = TableRows.difference(expected.only(kept), actual.only(kept));
				if (difference.isEmpty()) {
					continue;
				}
				SchemaSnapshot.Table afterUp = before.get(i + 1).schema.tables().get(table);
				List<String> dropped = afterUp == null ? List.of("*")
						: kept.stream().filter(column -> !afterUp.columns().containsKey(column)).toList();
				List<String> survived = kept.stream().filter(column -> !dropped.contains(column)).toList();
				boolean dataLoss = afterUp == null || (!dropped.isEmpty()
						&& TableRows.difference(expected.only(survived), actual.only(survived)).isEmpty());
				if (dataLoss) {
					// The key and the lost values say which rows lost what; the other columns are as they were.
					List<String> key = was.schema.tables().get(table).primaryKey();
					if (afterUp != null && !key.isEmpty()) {
						List<String> shown = new ArrayList<>(key);
						shown.addAll(dropped);
						difference = TableRows.difference(expected.only(shown), actual.only(shown));
					}
					loss.add(lossLine(m, table, dropped, difference, wasWhen));
					lost.computeIfAbsent(table, k -> new HashSet<>()).addAll(dropped);
				}
				else {
					lines.add(rowLine(table, expected, actual, difference, wasWhen, "after its down"));
				}
			}
			// A leftover shows again after every earlier down until its table goes: report it once.
			lines.removeIf(line -> !reported.add(line));
			if (!loss.isEmpty()) {
				Matcher waiver = DATA_LOSS_WAIVER.matcher(m.down().text());
				if (waiver.find() && waiver.group(1) != null) {
					checked.add("down of " + m.down().fileName() + ": data loss waived (" + waiver.group(1) + "): "
							+ String.join("; ", loss));
				}
				else {
					problems.add(new Problem("down", m.version(), m.down().fileName(), "it cannot restore the values its "
							+ "up dropped (data loss)", loss, FIX_DATA_LOSS));
				}
			}
			if (lines.isEmpty()) {
				restored++;
			}
			else {
				problems.add(new Problem("down", m.version(), m.down().fileName(), "after it, the database differs from "
						+ "the database before " + m.up().fileName() + " was applied", lines, FIX_DOWN));
			}
		}
		checked.add("down, in strict reverse order: " + restored + " of " + all.size() + " downs restored the schema "
				+ "and rows their up started from" + (restored == all.size() ? "; the end state is the empty baseline"
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
			loadFixture(c, m, fixtures);
			generate(c);
			List<String> lines = redoDifferences(before.get(i + 1), state(c));
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
				? "the schema and rows equal the first run's" : redone + " of " + all.size() + " matched the first run"));
		return new VerificationReport(Check.DOWN_ROUND_TRIP, database, all.size(), checked, problems);
	}

	/** Fills the tables still empty, if asked to; remembers what for the report. */
	private void generate(Connection c) throws SQLException {
		if (generateRows) {
			RowGenerator.fill(c, SchemaSnapshot.read(c, migrator.table())).forEach(generated::putIfAbsent);
		}
	}

	private void generatedSummary(List<String> checked) {
		if (!generateRows) {
			return;
		}
		List<String> filled = generated.entrySet().stream().filter(e -> e.getValue() > 0)
			.map(e -> e.getKey() + " " + e.getValue()).toList();
		List<String> skipped = generated.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey).toList();
		checked.add("generated rows: " + (filled.isEmpty() ? "none" : String.join(", ", filled)) + (skipped.isEmpty() ? ""
				: "; no generated row fits " + String.join(", ", skipped) + " (its CHECK constraints or types refused "
						+ "every try): give it a fixture"));
	}

	private static void loadFixture(Connection c, Migration m, Fixtures fixtures) {
		SqlFile fixture = fixtures.of(m.version());
		if (fixture != null) {
			Fixtures.apply(c, m, fixture);
		}
	}

	/** What a down could not bring back, with the up's statement that dropped it. */
	private static String lossLine(Migration m, String table, List<String> dropped, TableRows.Difference difference,
			String wasWhen) {
		boolean whole = dropped.contains("*");
		String at = m.up().location() + ":" + dropLine(m.up(), whole ? List.of(table) : dropped);
		return "table " + table + ": " + (whole ? "its rows, dropped with the table" : "the values of column"
				+ (dropped.size() == 1 ? " " : "s ") + String.join(", ", dropped) + ", dropped") + " at " + at
				+ ", are not back after the down: " + difference.describe(wasWhen, "after its down");
	}

	/** The line of the first statement of {@code up} that says DROP and names one of {@code names}; else 1. */
	private static int dropLine(SqlFile up, List<String> names) {
		try {
			for (SqlStatement statement : SqlScript.parse(up.location(), up.text()).statements()) {
				boolean drop = statement.tokens().stream().anyMatch(t -> t.is("DROP"));
				boolean named = statement.tokens().stream()
					.anyMatch(t -> names.stream().anyMatch(n -> n.equalsIgnoreCase(t.identifier())));
				if (drop && named) {
					return statement.line();
				}
			}
		}
		catch (MigrationException e) {
			// The file ran, so it lexes; should it not, the file alone is named.
		}
		return 1;
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
				.databases(migrator.databases().toArray(Audit.Database[]::new))
				.lockTimeout(migrator.lockTimeout())
				.validateChecksums(migrator.validateChecksums())
				.ignoreMissing(migrator.ignoreMissing())
				.group(migrator.group())
				.migrations(all.subList(0, i + 1))
				.build()
				.migrate();
			return null;
		}
		catch (MigrationException e) {
			return e;
		}
	}

	/**
	 * A replay's error, or null; and whether it provably wrote nothing (the database's
	 * {@linkplain Dialect#changeMark change mark} the same before and after it, in its transaction).
	 */
	private record Replay(MigrationException failure, boolean wroteNothing) {
	}

	/** Executes {@code m}'s up again, ignoring the history, as a run would. */
	private static Replay replay(Connection c, Dialect dialect, Migration m) throws SQLException {
		if (m.noTransaction()) {
			try {
				Migrator.run(c, dialect, m, m.up(), false);
				return new Replay(null, false);
			}
			catch (MigrationException e) {
				return new Replay(e, false);
			}
		}
		dialect.begin(c, m.up());
		try {
			String before = dialect.changeMark(c);
			Migrator.run(c, dialect, m, m.up(), true);
			boolean wroteNothing = before.equals(dialect.changeMark(c));
			dialect.commit(c);
			return new Replay(null, wroteNothing);
		}
		catch (MigrationException e) {
			try {
				dialect.rollback(c);
			}
			catch (SQLException rollback) {
				e.addSuppressed(rollback);
			}
			return new Replay(e, false);
		}
		finally {
			dialect.afterMigration(c);
		}
	}

	/**
	 * What the second run of {@code m} changed, or null: the differences from the first run's state
	 * that are there after it and were not before it (an earlier replay's damage that this run merely
	 * keeps, or repairs, is not its fault).
	 */
	private static Problem blame(Migration m, State first, State before, State after) {
		Set<String> earlier = new HashSet<>(SchemaSnapshot.diff(first.schema, before.schema));
		List<String> schemaLines = new ArrayList<>(SchemaSnapshot.diff(first.schema, after.schema));
		schemaLines.removeAll(earlier);
		List<String> dataLines = new ArrayList<>();
		for (Map.Entry<String, TableRows> entry : after.rows.entrySet()) {
			String table = entry.getKey();
			TableRows was = first.rows.get(table);
			TableRows is = entry.getValue();
			if (was == null || was.sameAs(is)) {
				continue;
			}
			TableRows previously = before.rows.get(table);
			List<String> common = was.columns().stream().filter(is.columns()::contains)
				.filter(column -> previously == null || previously.columns().contains(column)).toList();
			TableRows.Difference now = TableRows.difference(was.only(common), is.only(common));
			boolean grew = previously == null ? !now.isEmpty()
					: now.growsFrom(TableRows.difference(was.only(common), previously.only(common)));
			if (grew) {
				dataLines.add(rowLine(table, was, is, now, "after the first run", "after the replay"));
			}
		}
		if (schemaLines.isEmpty() && dataLines.isEmpty()) {
			return null;
		}
		List<String> lines = new ArrayList<>(schemaLines);
		lines.addAll(dataLines);
		String changed = schemaLines.isEmpty() ? "the data" : dataLines.isEmpty() ? "the schema" : "the schema and the data";
		return new Problem("replay", m.version(), m.up().fileName(), "running it a second time changed " + changed, lines,
				dataLines.isEmpty() ? FIX_REPLAY_SCHEMA : FIX_REPLAY_DATA);
	}

	/** {@code table t: 2 rows after the first run, 4 after the replay: rows after the replay only: (name=a), (name=b)}. */
	private static String rowLine(String table, TableRows expected, TableRows actual, TableRows.Difference difference,
			String expectedWhen, String actualWhen) {
		String counts = expected.count() != actual.count()
				? rows(expected.count()) + " " + expectedWhen + ", " + actual.count() + " " + actualWhen
				: rows(expected.count()) + " both times, but their values changed "
						+ actualWhen.replaceFirst("^after", "by");
		return "table " + table + ": " + counts + ": " + difference.describe(expectedWhen, actualWhen);
	}

	/**
	 * Schema differences, then the row differences of the tables both states have, leaving out the
	 * columns whose default differs from one insert to the next ({@code CURRENT_TIMESTAMP}, a random
	 * id): the redo inserts its rows anew.
	 */
	private static List<String> redoDifferences(State expected, State actual) {
		List<String> lines = new ArrayList<>(SchemaSnapshot.diff(expected.schema, actual.schema));
		expected.rows.forEach((table, was) -> {
			TableRows is = actual.rows.get(table);
			if (is != null && !was.sameAs(is)) {
				List<String> stable = expected.schema.tables().get(table).columns().values().stream()
					.filter(column -> column.defaultValue() == null || CONSTANT.matcher(column.defaultValue()).matches())
					.map(SchemaSnapshot.Column::name).toList();
				TableRows.Difference difference = TableRows.difference(was.only(stable), is.only(stable));
				if (!difference.isEmpty()) {
					lines.add(rowLine(table, was, is, difference, "after its first run", "after the redo"));
				}
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
		SortedMap<String, TableRows> rows = new TreeMap<>();
		for (SchemaSnapshot.Table table : schema.tables().values()) {
			rows.put(table.name(), TableRows.read(c, table));
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

	private record State(SchemaSnapshot schema, SortedMap<String, TableRows> rows) {

		String rowSummary() {
			List<String> filled = rows.entrySet().stream().filter(e -> e.getValue().count() > 0)
				.map(e -> e.getKey() + " " + e.getValue().count()).toList();
			if (filled.isEmpty()) {
				return "no rows";
			}
			return "rows: " + (filled.size() <= 8 ? String.join(", ", filled)
					: String.join(", ", filled.subList(0, 8)) + " and " + (filled.size() - 8) + " more tables");
		}
	}
}
