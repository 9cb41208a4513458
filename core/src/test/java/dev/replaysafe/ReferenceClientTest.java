package dev.replaysafe;

import dev.replaysafe.internal.schema.SchemaSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The engine against the reference clients: the same files applied by the {@link Migrator} on a
 * fresh database and by {@code psql -1 -v ON_ERROR_STOP=1 -f file} or {@code sqlite3 -bail} on
 * another fresh one must both be accepted or both rejected, and leave the same schema, rows,
 * functions and rules. {@code -1} and SQLite's {@code BEGIN ... COMMIT} around {@code .read} give
 * each file the engine's one transaction, so a rejected file leaves the same nothing on both sides;
 * the statements are split by each client as it always does. The audit is off: the scripts are
 * about splitting, not replay safety. psql and sqlite3 must be installed ({@code scripts/test}
 * installs them): without them these tests fail, they never skip.
 */
class ReferenceClientTest {

	/** Files applied in order to one database, and whether the reference client accepts them. */
	record Case(String name, TestDatabase database, List<String> ups, boolean accepted) {

		@Override
		public String toString() {
			return name + " on " + database;
		}
	}

	private static final TestDatabase PG = TestDatabase.POSTGRES;
	private static final TestDatabase LITE = TestDatabase.SQLITE;

	static Stream<Case> cases() {
		List<Case> cases = new ArrayList<>(List.of(
				new Case("BEGIN ATOMIC function and procedure bodies with CASE ... END inside", PG, List.of("""
						CREATE TABLE results (label TEXT, v INT);
						CREATE OR REPLACE FUNCTION sign_of(x int) RETURNS int LANGUAGE sql
						BEGIN ATOMIC
						  SELECT CASE WHEN x > 0 THEN 1 WHEN x < 0 THEN -1 ELSE 0 END;
						END;
						CREATE PROCEDURE record_sign(x int) LANGUAGE sql
						begin atomic
						  INSERT INTO results VALUES ('sign', sign_of(x));
						  INSERT INTO results VALUES ('abs', CASE WHEN x < 0 THEN -x ELSE x END);
						end;
						CALL record_sign(-5);
						INSERT INTO results SELECT 'direct; call', sign_of(3);
						"""), true),
				new Case("a rule whose action list holds semicolons inside parentheses", PG, List.of("""
						CREATE TABLE events (id INT);
						CREATE TABLE audit_a (id INT);
						CREATE TABLE audit_b (id INT, note TEXT);
						CREATE RULE log_events AS ON INSERT TO events DO ALSO (
						  INSERT INTO audit_a VALUES (NEW.id);
						  INSERT INTO audit_b VALUES (NEW.id, 'semi;colon ( in a string')
						);
						INSERT INTO events VALUES (1), (2);
						"""), true),
				new Case("dollar-quoted bodies and a trigger that ends at its semicolon", PG, List.of("""
						CREATE TABLE counters (n INT);
						CREATE FUNCTION bump() RETURNS trigger LANGUAGE plpgsql AS $body$
						BEGIN
						  INSERT INTO counters VALUES (1); -- a ; in the body
						  RETURN NEW;
						END;
						$body$;
						CREATE TABLE things (id INT);
						CREATE TRIGGER things_bump AFTER INSERT ON things FOR EACH ROW EXECUTE FUNCTION bump();
						DO $$ BEGIN INSERT INTO things VALUES (1); END $$;
						INSERT INTO things VALUES (2);
						"""), true),
				new Case("E'' strings and nested block comments", PG, List.of("""
						/* a block comment; /* nested; */ still one; */
						CREATE TABLE quotes (s TEXT);
						INSERT INTO quotes VALUES (E'it\\'s; fine'), ('it''s; fine too'); -- trailing; comment
						INSERT INTO quotes VALUES (E'back\\\\slash;');
						"""), true),
				new Case("a body left open at the end of the file", PG, List.of("""
						CREATE TABLE kept (id INT);
						CREATE FUNCTION never() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;
						"""), false),
				new Case("a SQLite trigger body", PG, List.of("""
						CREATE TABLE t (x INT);
						CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;
						"""), false),
				new Case("a trigger with several statements and CASE ... END in its body, followed by more", LITE, List.of("""
						CREATE TABLE items (id INTEGER PRIMARY KEY, qty INTEGER);
						CREATE TABLE log (item INTEGER, kind TEXT);
						CREATE TRIGGER items_ai AFTER INSERT ON items
						BEGIN
						  INSERT INTO log VALUES (new.id, 'inserted; really');
						  INSERT INTO log VALUES (new.id, CASE WHEN new.qty > 10 THEN 'bulk' ELSE 'single' END);
						  UPDATE items SET qty = CASE WHEN new.qty < 0 THEN 0 ELSE new.qty END WHERE id = new.id;
						END;
						INSERT INTO items VALUES (1, 20);
						INSERT INTO items VALUES (2, -3);
						CREATE INDEX ix_log_item ON log (item);
						"""), true),
				new Case("TEMP and TEMPORARY triggers", LITE, List.of("""
						CREATE TABLE src (x INTEGER);
						CREATE TABLE copies (x INTEGER);
						CREATE TEMP TRIGGER copy_src AFTER INSERT ON src BEGIN INSERT INTO copies VALUES (new.x); INSERT INTO copies VALUES (new.x * 10); END;
						INSERT INTO src VALUES (4);
						create temporary trigger uncopy after delete on src begin delete from copies where x = old.x; end ;
						DELETE FROM src;
						"""), true),
				new Case("EXPLAIN of a trigger, which sqlite3_complete() reads as a trigger", LITE, List.of("""
						CREATE TABLE t (x INTEGER);
						EXPLAIN CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; SELECT 2; END;
						CREATE TABLE after_explain (x INTEGER);
						"""), true),
				new Case("a trigger body left open at the end of the file", LITE, List.of("""
						CREATE TABLE kept (x INTEGER);
						CREATE TRIGGER tr AFTER INSERT ON kept BEGIN SELECT 1;
						"""), false)));
		for (TestDatabase db : TestDatabase.values()) {
			cases.add(new Case("nested parentheses with semicolons inside strings", db, List.of("""
					CREATE TABLE notes (id INT PRIMARY KEY, body TEXT, CHECK (length(body) < 100));
					INSERT INTO notes VALUES (1, ('a;b' || ((';)') || '(;')));
					INSERT INTO notes (id, body) SELECT 2, 'x' WHERE (1 = (SELECT count(*) FROM notes WHERE body LIKE '%;%'));
					"""), true));
			cases.add(new Case("comments and quoted identifiers holding semicolons", db, List.of("""
					-- leading; comment
					CREATE TABLE c1 (id INT); /* ; */ CREATE TABLE "odd;name" (id INT);
					INSERT INTO c1 VALUES (1) -- ; not the end
					;
					"""), true));
			cases.add(new Case("the reference migrations", db, referenceMigrations(), true));
			cases.add(new Case("an unbalanced parenthesis", db, List.of("""
					CREATE TABLE kept (id INT);
					SELECT (1;
					CREATE TABLE never (id INT);
					"""), false));
		}
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void theEngineAndTheReferenceClientAcceptTheSameFilesAndLeaveTheSameDatabase(Case c) throws Exception {
		try (Db engineDb = c.database().create(); Db clientDb = c.database().create()) {
			MigrationDir dir = MigrationDir.create();
			for (int k = 0; k < c.ups().size(); k++) {
				dir.migration(String.format("%04d_case", k + 1), c.ups().get(k), "SELECT 1;");
			}
			String engineError = null;
			try {
				Migrator.builder(engineDb.dataSource()).locations(dir.location()).audit(AuditMode.OFF).build().migrate();
			}
			catch (MigrationException e) {
				engineError = e.getMessage();
			}
			String clientError = applyWithClient(clientDb, dir.path(), c.ups().size());

			assertThat(clientError == null).as("the reference client accepts it: %s", clientError).isEqualTo(c.accepted());
			assertThat(engineError == null).as("the engine accepts it as the client does: %s", engineError)
				.isEqualTo(c.accepted());
			List<String> contents = contents(engineDb);
			assertThat(contents).isEqualTo(contents(clientDb));
			if (c.accepted()) {
				assertThat(contents).as("what the script made").isNotEmpty();
			}
		}
	}

	/** Applies the ups with psql or sqlite3, each in one transaction, until one fails: its output, or null. */
	private static String applyWithClient(Db db, Path dir, int count) throws IOException, InterruptedException {
		for (int k = 1; k <= count; k++) {
			Path file = dir.resolve(String.format("%04d_case.sql", k));
			ProcessBuilder process;
			if (db.kind() == TestDatabase.POSTGRES) {
				Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+)\\?(.*)").matcher(db.url());
				assertThat(url.matches()).as("a JDBC URL with host, port, database and parameters: %s", db.url()).isTrue();
				Map<String, String> params = Stream.of(url.group(4).split("&")).map(p -> p.split("=", 2))
					.collect(Collectors.toMap(p -> p[0], p -> p.length > 1 ? p[1] : ""));
				process = new ProcessBuilder(tool("psql", "postgresql-client"), "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1",
						"-h", url.group(1), "-p", url.group(2) == null ? "5432" : url.group(2), "-U", params.get("user"),
						"-d", url.group(3), "-f", file.toString());
				process.environment().put("PGPASSWORD", params.getOrDefault("password", ""));
			}
			else {
				// sqlite3 with several commands runs them in order; -bail stops at the first error,
				// and the open transaction dies with the process.
				String dbFile = db.url().substring("jdbc:sqlite:".length());
				process = new ProcessBuilder(tool("sqlite3", "sqlite3"), "-bail", dbFile, "BEGIN",
						".read '" + sqlite3Input(file) + "'", "COMMIT");
			}
			Process p = process.redirectErrorStream(true).start();
			p.getOutputStream().close();
			String output;
			try (InputStream in = p.getInputStream()) {
				output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			if (p.waitFor() != 0) {
				return file.getFileName() + ": exit " + p.exitValue() + ": " + output;
			}
		}
		return null;
	}

	/**
	 * The file sqlite3 reads: SQLite has no {@code ADD COLUMN IF NOT EXISTS}/{@code DROP COLUMN IF EXISTS},
	 * which the engine emulates; on a fresh database the unguarded statement does the same.
	 */
	private static Path sqlite3Input(Path file) throws IOException {
		String sql = Files.readString(file);
		String unguarded = sql.replaceAll("(?i)(ADD COLUMN) IF NOT EXISTS", "$1").replaceAll("(?i)(DROP COLUMN) IF EXISTS", "$1");
		if (unguarded.equals(sql)) {
			return file;
		}
		Path copy = Files.createTempFile("replaysafe-sqlite3", ".sql");
		Files.writeString(copy, unguarded);
		return copy;
	}

	/** psql or sqlite3 on the PATH, or a failure saying how to get it: these tests never skip. */
	private static String tool(String name, String debianPackage) {
		try {
			Process p = new ProcessBuilder(name, "--version").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			if (p.waitFor() == 0) {
				return name;
			}
		}
		catch (IOException | InterruptedException e) {
			// Reported below.
		}
		throw new AssertionError(name + " is not installed: the reference-client tests need it; install Debian's "
				+ debianPackage + " package (scripts/test does: apt-get install -y " + debianPackage + ")");
	}

	/** The schema, every table's rows (timestamps left out: they differ by when each ran), functions and rules. */
	private static List<String> contents(Db db) throws SQLException {
		SchemaSnapshot snapshot = SchemaSnapshot.of(db.dataSource(), "_sqlx_migrations");
		List<String> lines = new ArrayList<>(Stream.of(snapshot.toString().split("\n")).filter(l -> !l.isBlank()).toList());
		try (Connection c = db.connect(); Statement s = c.createStatement()) {
			for (SchemaSnapshot.Table table : snapshot.tables().values()) {
				String columns = table.columns().values().stream().filter(col -> !col.type().contains("TIMESTAMP"))
					.map(col -> "\"" + col.name() + "\"").collect(Collectors.joining(", "));
				List<String> rows = new ArrayList<>();
				try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM \"" + table.name() + "\"")) {
					while (rs.next()) {
						List<String> values = new ArrayList<>();
						for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
							values.add(rs.getString(k));
						}
						rows.add(table.name() + " row " + values);
					}
				}
				rows.sort(null);
				lines.addAll(rows);
			}
			if (db.kind() == TestDatabase.POSTGRES) {
				lines.addAll(strings(s, "SELECT pg_get_functiondef(p.oid) FROM pg_proc p JOIN pg_namespace n "
						+ "ON n.oid = p.pronamespace AND n.nspname = current_schema() ORDER BY p.proname"));
				lines.addAll(strings(s, "SELECT rulename || ': ' || definition FROM pg_rules "
						+ "WHERE schemaname = current_schema() ORDER BY rulename"));
			}
		}
		return lines;
	}

	private static List<String> strings(Statement s, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rs = s.executeQuery(sql)) {
			while (rs.next()) {
				values.add(rs.getString(1));
			}
		}
		return values;
	}

	/** The ups of the reference migrations (the replaysafe-migrations jar on the test class path), in order. */
	private static List<String> referenceMigrations() {
		List<String> ups = new ArrayList<>();
		for (String name : List.of("0001_create_workspaces", "0002_create_users", "0003_create_documents",
				"0004_add_document_status", "0005_seed_default_workspace", "0006_create_memberships",
				"0007_add_document_search_title", "0008_drop_document_legacy_ref", "0009_create_tags")) {
			try (InputStream in = ReferenceClientTest.class.getClassLoader()
				.getResourceAsStream("db/migrations/" + name + ".sql")) {
				assertThat(in).as("db/migrations/%s.sql on the class path", name).isNotNull();
				ups.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return ups;
	}
}
