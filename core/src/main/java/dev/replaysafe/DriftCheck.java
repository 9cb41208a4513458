package dev.replaysafe;

import dev.replaysafe.internal.dialect.Dialect;
import dev.replaysafe.internal.dialect.ScratchSupport;
import dev.replaysafe.internal.dialect.SqliteDialect;
import dev.replaysafe.internal.schema.SchemaSnapshot;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

/**
 * Compares the live schema with the one the migration files build. The expected schema is built
 * by executing every up, in version order as a run does (SQLite's column guards included), on a
 * fresh scratch database of the same kind ({@link ScratchDatabases}); both schemas are read from
 * the catalog (tables with their columns and constraints, indexes, views, triggers, and on
 * PostgreSQL sequences, types and functions; the history table left out) and every difference
 * becomes one line:
 * <pre>{@code
 * DriftReport report = DriftCheck.of(migrator).check();
 * report.differences().forEach(System.out::println);
 * // table documents: column notes (TEXT NULL) is in the live database only; no migration creates it
 * // index ix_documents_title on documents (title): missing from the live database; the migrations create it
 * }</pre>
 * Read only on the live database. On SQLite it needs nothing; on PostgreSQL the scratch database is
 * created on the application's server, which needs the role's {@code CREATEDB} right and the
 * server's URL and credentials ({@link Migrator.Builder#scratchDatabases}, or in Spring Boot
 * {@code spring.datasource.*}); without them {@link #check()} throws saying which is missing.
 */
public final class DriftCheck {

	private final Migrator migrator;
	private final ScratchDatabases scratch;

	private DriftCheck(Migrator migrator, ScratchDatabases scratch) {
		this.migrator = Objects.requireNonNull(migrator, "migrator");
		this.scratch = scratch;
	}

	/**
	 * A check of {@code migrator}'s database against its files, with its {@link Migrator#scratchDatabases()}
	 * (none is needed on SQLite; on PostgreSQL without one, {@link #check()} throws saying what to set).
	 *
	 * @param migrator the engine whose data source, files and history table are checked
	 * @return the check; nothing is read until {@link #check()}
	 */
	public static DriftCheck of(Migrator migrator) {
		return new DriftCheck(migrator, migrator.scratchDatabases());
	}

	/**
	 * A check that makes its scratch database with {@code scratch} instead of the migrator's.
	 *
	 * @param migrator the engine whose data source, files and history table are checked
	 * @param scratch how to make the scratch database the expected schema is built on
	 * @return the check; nothing is read until {@link #check()}
	 */
	public static DriftCheck of(Migrator migrator, ScratchDatabases scratch) {
		return new DriftCheck(migrator, Objects.requireNonNull(scratch, "scratch"));
	}

	/**
	 * Builds the expected schema on a scratch database (dropped afterwards) and compares it with the live one.
	 *
	 * @return the differences; {@link DriftReport#drifted()} is false when there are none
	 * @throws MigrationException when the check cannot run (no scratch database could be made: it says
	 *     which right or setting is missing), the live schema cannot be read, the files are invalid, or a
	 *     migration fails on the scratch database
	 */
	public DriftReport check() {
		long start = System.nanoTime();
		DataSource live = migrator.dataSource();
		String database;
		SchemaSnapshot actual;
		boolean sqlite;
		try (Connection c = live.getConnection()) {
			database = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
			sqlite = Dialect.of(c) instanceof SqliteDialect;
			actual = SchemaSnapshot.read(c, migrator.table());
		}
		catch (SQLException e) {
			throw new MigrationException("The drift check could not read the live schema: " + e.getMessage(), e);
		}
		SchemaSnapshot expected = expected(live, sqlite);
		return new DriftReport(database, migrator.migrations().size(), differences(expected, actual),
				Duration.ofNanos(System.nanoTime() - start));
	}

	/** The schema the migration files build, read from a scratch database made for it and dropped after. */
	SchemaSnapshot expected(DataSource live, boolean sqlite) {
		ScratchDatabases factory = scratch != null ? scratch : sqlite ? ScratchDatabases.sqlite() : null;
		if (factory == null) {
			throw new MigrationException("The drift check cannot run: it builds the migrations on a scratch PostgreSQL "
					+ "database and was not told how to reach the server; " + ScratchSupport.HOW_TO_CONFIGURE);
		}
		ScratchDatabases.Scratch db;
		try {
			db = factory.create(live);
		}
		catch (MigrationException e) {
			throw new MigrationException("The drift check cannot run: " + e.getMessage(), e);
		}
		try (db; Connection c = db.dataSource().getConnection()) {
			Dialect dialect = Dialect.of(c);
			build(c, dialect, migrator.migrations());
			return SchemaSnapshot.read(c, migrator.table());
		}
		catch (SQLException e) {
			throw new MigrationException("The drift check could not use its scratch database: " + e.getMessage()
					+ "; " + ScratchSupport.HOW_TO_CONFIGURE, e);
		}
	}

	/**
	 * Executes every up in version order, as a run does, in one transaction (a file marked
	 * no-transaction runs outside it where the dialect honours that); the scratch database needs no history.
	 */
	private static void build(Connection c, Dialect dialect, List<Migration> files) throws SQLException {
		dialect.begin(c);
		try {
			for (Migration m : files) {
				if (m.noTransaction() && dialect.honoursNoTransaction()) {
					dialect.commit(c);
					Migrator.run(c, dialect, m, m.up(), false);
					dialect.begin(c);
				}
				else {
					Migrator.run(c, dialect, m, m.up(), true);
				}
			}
			dialect.commit(c);
		}
		catch (MigrationException e) {
			Migrator.rollbackQuietly(c, dialect, e);
			throw new MigrationException("The drift check could not build the expected schema on its scratch "
					+ "database (the live database is untouched): " + e.getMessage(), e);
		}
		catch (RuntimeException | SQLException e) {
			Migrator.rollbackQuietly(c, dialect, e);
			throw e;
		}
	}

	/**
	 * How {@code live} differs from {@code expected}, one line per difference naming the object, with
	 * what the migrations build and what the live database has.
	 */
	static List<String> differences(SchemaSnapshot expected, SchemaSnapshot live) {
		List<String> lines = new ArrayList<>();
		for (String name : union(expected.tables().keySet(), live.tables().keySet())) {
			SchemaSnapshot.Table want = expected.tables().get(name);
			SchemaSnapshot.Table has = live.tables().get(name);
			if (want == null) {
				lines.add("table " + name + " (" + has.describeColumns() + ")" + LIVE_ONLY);
			}
			else if (has == null) {
				lines.add("table " + name + " (" + want.describeColumns() + ")" + MISSING);
			}
			else {
				table(want, has, lines);
			}
		}
		for (String name : union(expected.indexes().keySet(), live.indexes().keySet())) {
			SchemaSnapshot.Index want = expected.indexes().get(name);
			SchemaSnapshot.Index has = live.indexes().get(name);
			if (want == null) {
				lines.add(has + LIVE_ONLY);
			}
			else if (has == null) {
				lines.add(want + MISSING);
			}
			else if (!want.equals(has)) {
				lines.add("index " + name + ": expected " + want.definition() + ", live " + has.definition());
			}
		}
		map("view ", expected.views(), live.views(), lines);
		map("", expected.others(), live.others(), lines);
		return lines;
	}

	private static final String LIVE_ONLY = " is in the live database only; no migration creates it";
	private static final String MISSING = " is missing from the live database; the migrations create it";

	private static void table(SchemaSnapshot.Table want, SchemaSnapshot.Table has, List<String> lines) {
		String t = "table " + want.name() + ": ";
		for (String column : union(want.columns().keySet(), has.columns().keySet())) {
			SchemaSnapshot.Column w = want.columns().get(column);
			SchemaSnapshot.Column h = has.columns().get(column);
			if (w == null) {
				lines.add(t + "column " + column + " (" + h.definition() + ")" + LIVE_ONLY);
			}
			else if (h == null) {
				lines.add(t + "column " + column + " (" + w.definition() + ")" + MISSING);
			}
			else if (!w.equals(h)) {
				lines.add(t + "column " + column + ": expected " + w.definition() + ", live " + h.definition());
			}
		}
		if (!want.primaryKey().equals(has.primaryKey())) {
			lines.add(t + "primary key: expected " + key(want.primaryKey()) + ", live " + key(has.primaryKey()));
		}
		set(t + "foreign key ", want.foreignKeys(), has.foreignKeys(), lines);
		set(t + "unique ", want.uniques(), has.uniques(), lines);
	}

	private static String key(List<String> columns) {
		return columns.isEmpty() ? "none" : "(" + String.join(", ", columns) + ")";
	}

	private static void set(String label, SortedSet<String> want, SortedSet<String> has, List<String> lines) {
		for (String each : union(want, has)) {
			if (!has.contains(each)) {
				lines.add(label + each + MISSING);
			}
			else if (!want.contains(each)) {
				lines.add(label + each + LIVE_ONLY);
			}
		}
	}

	private static void map(String kind, SortedMap<String, String> want, SortedMap<String, String> has,
			List<String> lines) {
		for (String name : union(want.keySet(), has.keySet())) {
			String w = want.get(name);
			String h = has.get(name);
			if (w == null) {
				lines.add(kind + name + LIVE_ONLY);
			}
			else if (h == null) {
				lines.add(kind + name + MISSING);
			}
			else if (!w.equals(h)) {
				lines.add(kind + name + ": expected " + w + ", live " + h);
			}
		}
	}

	private static SortedSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
		SortedSet<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}
}
