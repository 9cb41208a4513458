package dev.replaysafe.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.replaysafe.MigrateResult;
import dev.replaysafe.MigrationException;
import dev.replaysafe.MigrationStatus;
import dev.replaysafe.GroupMode;
import dev.replaysafe.Migrator;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The bad-input corpus: every folder of {@code src/test/resources/bad} is one case, run on a fresh
 * SQLite and a fresh PostgreSQL database.
 *
 * <p>A case folder holds its migration files, an {@code expected.txt} and optionally a
 * {@code case.properties}. {@code expected.txt} lists fragments the error message must contain,
 * one a line ({@code ${dir}} is the case's folder), or says {@code accepted} for input the engine
 * takes (BOM, CRLF, ...). {@code case.properties} may set {@code table}, {@code locations}
 * (comma-separated), {@code folder} (a folder to create), {@code symlink.NAME=TARGET} (links git and
 * Maven cannot carry), and what the database must hold afterwards: {@code expect.tables} and
 * {@code expect.history} (default: no table, no history row — a rejected input writes nothing).
 */
class BadInputCorpusTest {

	private static final String HISTORY = Migrator.DEFAULT_TABLE;

	static Stream<Arguments> cases() throws IOException, URISyntaxException {
		Path root = Path.of(BadInputCorpusTest.class.getResource("/bad").toURI());
		try (Stream<Path> folders = Files.list(root)) {
			return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
				.flatMap(name -> Arrays.stream(TestDatabase.values()).map(kind -> Arguments.of(name, kind)))
				.toList().stream();
		}
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("cases")
	@Timeout(120)
	void eachCaseFailsClearlyAndWritesNothingOrIsAccepted(String name, TestDatabase kind) throws Exception {
		Case c = Case.load(name);
		// Rejected cases share one database per kind (proved empty after each); accepted ones get their own.
		Db db = c.accepted() ? kind.create() : shared.computeIfAbsent(kind, TestDatabase::create);
		boolean clean = false;
		try {
			Throwable thrown = catchThrowable(() -> {
				// One migration per transaction: each case says what a failing migration leaves of the ones before it
				// (the grouped first run, in which a failure leaves the database empty, has GroupedRunTest).
				Migrator migrator = Migrator.builder(db.dataSource()).locations(c.locations()).table(c.table())
					.lockTimeout(Duration.ofSeconds(30)).group(GroupMode.NEVER).build();
				migrator.migrate();
				// An accepted input is stable: a second start finds it all applied and unchanged.
				assertThat(migrator.migrate().applied()).isEmpty();
				assertThat(migrator.status()).extracting(MigrationStatus::state)
					.allMatch(MigrationStatus.State.APPLIED::equals);
			});
			if (c.accepted()) {
				assertThat(thrown).as("case %s is accepted", name).isNull();
			}
			else {
				assertThat(thrown).as("case %s", name).isInstanceOf(MigrationException.class);
				String message = thrown.getMessage();
				assertThat(message).as("a message written for people, not a stack trace").isNotBlank()
					.doesNotContain("\tat ").doesNotContain("Exception:");
				for (String fragment : c.expected()) {
					assertThat(message).as("case %s", name).contains(fragment);
				}
			}
			String table = c.table().matches("[A-Za-z_][A-Za-z0-9_]*") ? c.table() : HISTORY;
			List<String> objects = Schema.userObjects(db, table);
			assertThat(objects.stream().filter(l -> l.startsWith("rows ")).map(l -> l.substring(5, l.lastIndexOf(" = ")))
				.sorted().toList()).as("tables left by %s", name).isEqualTo(c.tables());
			if (c.tables().isEmpty()) {
				assertThat(objects).as("objects left by %s", name).isEmpty();
			}
			assertThat(db.hasTable(table) ? db.queryLong("SELECT count(*) FROM " + table) : 0)
				.as("history rows left by %s", name).isEqualTo(c.historyRows());
			clean = c.tables().isEmpty();
			if (clean) {
				db.execute("DROP TABLE IF EXISTS " + table);
			}
		}
		finally {
			if (c.accepted() || !clean) {
				shared.remove(kind, db);
				db.close();
			}
		}
	}

	private static final Map<TestDatabase, Db> shared = new EnumMap<>(TestDatabase.class);

	@AfterAll
	static void dropSharedDatabases() {
		shared.values().forEach(Db::close);
	}

	@EachDatabase
	@Timeout(120)
	void aOneMegabyteFileApplies(Db db) {
		StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS big (id INT PRIMARY KEY, note TEXT);\n");
		// Ten statements carrying 90 KB string literals full of lexer bait, padded by comment lines.
		String bait = "x;''--/*$$\n".repeat(9_000);
		for (int i = 1; i <= 10; i++) {
			sql.append("INSERT INTO big (id, note) VALUES (").append(i).append(", '").append(bait)
				.append("') ON CONFLICT DO NOTHING;\n");
		}
		while (sql.length() < 1_100_000) {
			sql.append("-- padding with a ; semicolon and a ' quote\n");
		}
		MigrationDir dir = MigrationDir.create().migration("0001_big", sql.toString(), "DROP TABLE IF EXISTS big;");

		MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(result.applied()).hasSize(1);
		assertThat(db.queryLong("SELECT sum(length(note)) FROM big")).isEqualTo(10 * 90_000);
	}

	@EachDatabase
	@Timeout(120)
	void aSingleStatementOverSqlitesOneMegabyteLimitFailsClearlyThereAndAppliesOnPostgres(Db db) {
		String sql = "CREATE TABLE IF NOT EXISTS big (id INT PRIMARY KEY, note TEXT);\n"
				+ "INSERT INTO big (id, note) VALUES (1, '" + "x".repeat(1_100_000) + "') ON CONFLICT DO NOTHING;\n";
		MigrationDir dir = MigrationDir.create().migration("0001_big", sql, "DROP TABLE IF EXISTS big;");

		Throwable thrown = catchThrowable(() -> Migrator.builder(db.dataSource()).locations(dir.location())
			.group(GroupMode.NEVER).build()
			.migrate());

		if (db.kind() == TestDatabase.SQLITE) {
			assertThat(thrown).isInstanceOf(MigrationException.class)
				.hasMessageContaining("Migration 1 failed at " + dir.path() + "/0001_big.sql:2: ")
				.hasMessageContaining("statement too long");
			assertThat(db.hasTable("big")).isFalse();
		}
		else {
			assertThat(thrown).isNull();
			assertThat(db.queryLong("SELECT length(note) FROM big")).isEqualTo(1_100_000);
		}
	}

	@EachDatabase
	@Timeout(180)
	void aTenThousandStatementFileApplies(Db db) {
		StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS many (id INT PRIMARY KEY);\n");
		for (int i = 0; i < 10_000; i++) {
			sql.append("INSERT INTO many (id) VALUES (").append(i).append(") ON CONFLICT DO NOTHING;\n");
		}
		MigrationDir dir = MigrationDir.create().migration("0001_many", sql.toString(), "DROP TABLE IF EXISTS many;");

		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(db.queryLong("SELECT count(*) FROM many")).isEqualTo(10_000);
	}

	@EachDatabase
	@Timeout(180)
	void aTenThousandStatementFileFailingAtTheLastStatementLeavesNothing(Db db) {
		StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS many (id INT PRIMARY KEY);\n");
		for (int i = 0; i < 10_000; i++) {
			sql.append("INSERT INTO many (id) VALUES (").append(i).append(") ON CONFLICT DO NOTHING;\n");
		}
		sql.append("INSERT INTO no_such_table (id) VALUES (1) ON CONFLICT DO NOTHING;\n");
		MigrationDir dir = MigrationDir.create().migration("0001_many", sql.toString(), "DROP TABLE IF EXISTS many;");

		Throwable thrown = catchThrowable(() -> Migrator.builder(db.dataSource()).locations(dir.location())
			.group(GroupMode.NEVER).build()
			.migrate());

		assertThat(thrown).isInstanceOf(MigrationException.class)
			.hasMessageContaining("Migration 1 failed at " + dir.path() + "/0001_many.sql:10002: ");
		assertThat(db.hasTable("many")).isFalse();
		assertThat(db.queryLong("SELECT count(*) FROM " + HISTORY)).isZero();
	}

	@org.junit.jupiter.api.Test
	void dynamicSqlThatDropsTheHistoryTableIsRolledBackWithAClearError() {
		// The token check cannot see a name built at run time; the check after the statements can.
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = MigrationDir.create().migration("0001_sneaky",
					"CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);\n"
							+ "-- replaysafe:allow postgres-only-syntax the test needs dynamic SQL\n"
							+ "DO $$ BEGIN EXECUTE 'DROP TABLE ' || '_sqlx' || '_migrations'; END $$;\n",
					"DROP TABLE IF EXISTS a;");

			Throwable thrown = catchThrowable(() -> Migrator.builder(db.dataSource()).locations(dir.location())
			.group(GroupMode.NEVER).build()
				.migrate());

			assertThat(thrown).isInstanceOf(MigrationException.class)
				.hasMessageContaining("Migration 1 (" + dir.path() + "/0001_sneaky.sql) dropped or renamed the history "
						+ "table _sqlx_migrations")
				.hasMessageContaining("nothing of this migration was applied");
			assertThat(db.hasTable("a")).isFalse();
			assertThat(db.queryLong("SELECT count(*) FROM " + HISTORY)).isZero();
		}
	}

	/** One folder of the corpus, copied to a temporary folder with its links and folders made. */
	private record Case(Path dir, List<String> expected, Properties props) {

		static Case load(String name) throws IOException, URISyntaxException {
			Path source = Path.of(BadInputCorpusTest.class.getResource("/bad/" + name).toURI());
			Path dir = MigrationDir.create().path();
			try (Stream<Path> files = Files.walk(source)) {
				for (Path p : files.filter(Files::isRegularFile).toList()) {
					String rel = source.relativize(p).toString();
					if (!rel.equals("expected.txt") && !rel.equals("case.properties")) {
						Files.createDirectories(dir.resolve(rel).getParent());
						Files.copy(p, dir.resolve(rel));
					}
				}
			}
			Properties props = new Properties();
			Path propsFile = source.resolve("case.properties");
			if (Files.exists(propsFile)) {
				try (Reader in = Files.newBufferedReader(propsFile, StandardCharsets.UTF_8)) {
					props.load(in);
				}
			}
			for (String key : props.stringPropertyNames()) {
				if (key.startsWith("symlink.")) {
					Files.createSymbolicLink(dir.resolve(key.substring("symlink.".length())), Path.of(props.getProperty(key)));
				}
			}
			if (props.containsKey("folder")) {
				Files.createDirectories(dir.resolve(props.getProperty("folder")));
			}
			List<String> expected = Files.readAllLines(source.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
				.map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
				.map(l -> l.replace("${dir}", dir.toString())).toList();
			return new Case(dir, expected, props);
		}

		boolean accepted() {
			return expected.equals(List.of("accepted"));
		}

		String table() {
			return props.getProperty("table", HISTORY);
		}

		List<String> locations() {
			return Arrays.stream(props.getProperty("locations", "filesystem:${dir}").split(","))
				.map(l -> l.strip().replace("${dir}", dir.toString())).toList();
		}

		List<String> tables() {
			return Arrays.stream(props.getProperty("expect.tables", "").split(",")).map(String::strip)
				.filter(t -> !t.isEmpty()).sorted().toList();
		}

		long historyRows() {
			return Long.parseLong(props.getProperty("expect.history", "0"));
		}
	}
}
