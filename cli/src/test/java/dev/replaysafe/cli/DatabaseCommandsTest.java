package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** migrate, info and verify against a real database; a subclass per database. */
abstract class DatabaseCommandsTest {

	@TempDir
	Path dir;

	Databases.Database database;

	abstract Databases.Database database() throws Exception;

	@BeforeEach
	void open() throws Exception {
		database = database();
	}

	@AfterEach
	void drop() throws Exception {
		database.close();
	}

	Cli.Result run(String command, String... rest) {
		List<String> args = new ArrayList<>(List.of(command));
		args.addAll(List.of(database.options()));
		args.addAll(List.of(rest));
		return Cli.run(args.toArray(String[]::new));
	}

	/** Two safe migrations in {@code dir/set}. */
	Path set() throws IOException {
		Path set = Files.createDirectories(dir.resolve("set"));
		Files.writeString(set.resolve("0001_create_notes.sql"), "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT);\n");
		Files.writeString(set.resolve("0001_create_notes.down.sql"), "DROP TABLE IF EXISTS notes;\n");
		Files.writeString(set.resolve("0002_seed_note.sql"), "INSERT INTO notes (id, body) VALUES (1, 'hello') ON CONFLICT (id) DO NOTHING;\n");
		Files.writeString(set.resolve("0002_seed_note.down.sql"), "DELETE FROM notes WHERE id = 1;\n");
		return set;
	}

	@Test
	void migrateAppliesThePendingUpsAndInfoShowsThemApplied() throws Exception {
		Path set = set();

		Cli.Result migrate = run("migrate", set.toString());

		assertThat(migrate.exit()).as(migrate.toString()).isZero();
		assertThat(migrate.out()).contains("Applied 1 create notes").contains("Applied 2 seed note")
			.contains("is at version 2");
		assertThat(Databases.count(database, "notes")).isEqualTo(1);

		Cli.Result info = run("info", set.toString());
		assertThat(info.exit()).as(info.toString()).isZero();
		assertThat(info.out()).containsPattern("(?m)^Version\\s+Description\\s+State\\s+Installed on\\s+Time$")
			.containsPattern("(?m)^\\s*1\\s+create notes\\s+APPLIED\\s+\\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+\\d+ ms$")
			.contains("2 migration(s), 0 pending");

		Cli.Result again = run("migrate", set.toString());
		assertThat(again.exit()).isZero();
		assertThat(again.out()).startsWith("Up to date: ").contains("is at version 2");
	}

	@Test
	void infoShowsPendingMigrationsBeforeAnyRunAndAsJson() throws Exception {
		Path set = set();

		Cli.Result info = run("info", "--format", "json", set.toString());

		assertThat(info.exit()).as(info.toString()).isZero();
		JsonNode json = new ObjectMapper().readTree(info.out());
		assertThat(json.get("table").asString()).isEqualTo("_sqlx_migrations");
		assertThat(json.get("migrations")).hasSize(2);
		assertThat(json.get("migrations").get(0).get("version").asLong()).isEqualTo(1);
		assertThat(json.get("migrations").get(0).get("state").asString()).isEqualTo("PENDING");
		assertThat(json.get("migrations").get(0).get("installedOn").isNull()).isTrue();

		run("migrate", set.toString());
		JsonNode after = new ObjectMapper().readTree(run("info", "--format", "json", set.toString()).out());
		assertThat(after.get("migrations").get(1).get("state").asString()).isEqualTo("APPLIED");
		assertThat(after.get("migrations").get(1).get("installedOn").asString()).endsWith("Z");
	}

	@Test
	void migrateRefusesAnUnsafeSetNamingFileAndLineAndRunsNothing() throws Exception {
		Path set = set();
		Files.writeString(set.resolve("0003_create_tags.sql"), "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
		Files.writeString(set.resolve("0003_create_tags.down.sql"), "DROP TABLE IF EXISTS tags;\n");

		Cli.Result migrate = run("migrate", set.toString());

		assertThat(migrate.exit()).isEqualTo(1);
		assertThat(migrate.err()).contains("0003_create_tags.sql:1:1 [create-without-if-not-exists]")
			.doesNotContain("\tat ");
		assertThat(run("info", set.toString()).out()).contains("3 migration(s), 3 pending");
	}

	@Test
	void migrateTakesTheHistoryTableAndAuditModeLikeTheStartersProperties() throws Exception {
		Path set = set();
		Files.writeString(set.resolve("0003_create_tags.sql"), "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
		Files.writeString(set.resolve("0003_create_tags.down.sql"), "DROP TABLE IF EXISTS tags;\n");

		Cli.Result migrate = run("migrate", "--table", "app_history", "--audit", "warn", "--lock-timeout", "30s",
				set.toString());

		assertThat(migrate.exit()).as(migrate.toString()).isZero();
		assertThat(Databases.count(database, "app_history")).isEqualTo(3);
		assertThat(run("info", "--table", "app_history", set.toString()).out()).contains("3 migration(s), 0 pending");
	}

	@Test
	void migrateGroupsAnEmptyDatabaseInOneTransactionUnlessTheGroupOptionSaysNever() throws Exception {
		Path set = set();
		Files.writeString(set.resolve("0003_broken.sql"), "INSERT INTO no_such_table (id) VALUES (1) ON CONFLICT DO NOTHING;\n");
		Files.writeString(set.resolve("0003_broken.down.sql"), "DELETE FROM no_such_table WHERE id = 1;\n");

		Cli.Result grouped = run("migrate", set.toString());

		assertThat(grouped.exit()).as(grouped.toString()).isNotZero();
		assertThat(grouped.toString()).contains("0003_broken.sql:1").contains("nothing was applied");
		assertThat(run("info", set.toString()).out()).contains("3 migration(s), 3 pending");

		Cli.Result never = run("migrate", "--group", "never", set.toString());

		assertThat(never.exit()).as(never.toString()).isNotZero();
		assertThat(never.toString()).contains("0003_broken.sql:1").contains("earlier migrations stay applied");
		assertThat(Databases.count(database, "notes")).isEqualTo(1);
	}

	@Test
	void aBadLockTimeoutOrAuditModeIsAUsageError() throws Exception {
		Path set = set();

		assertThat(run("migrate", "--lock-timeout", "soon", set.toString()).exit()).isEqualTo(2);
		assertThat(run("migrate", "--audit", "maybe", set.toString()).exit()).isEqualTo(2);
		assertThat(run("migrate", "--group", "sometimes", set.toString()).exit()).isEqualTo(2);
		assertThat(run("migrate", "--baseline-version", "-1", set.toString()).exit()).isEqualTo(2);
	}

	@Test
	void migrateWithoutADatabaseIsAUsageErrorNamingTheEnvironmentVariable() throws Exception {
		Cli.Result result = Cli.run("migrate", set().toString());

		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err()).contains("--url").contains("REPLAYSAFE_URL");
	}

	@Test
	void theConnectionComesFromTheEnvironmentWhenNoOptionGivesIt() throws Exception {
		Path set = set();
		Map<String, String> environment = new java.util.HashMap<>(Map.of("REPLAYSAFE_URL", database.url()));
		if (database.user() != null) {
			environment.put("REPLAYSAFE_USER", database.user());
			environment.put("REPLAYSAFE_PASSWORD", database.password());
		}

		Cli.Result migrate = Cli.run(environment, "migrate", set.toString());

		assertThat(migrate.exit()).as(migrate.toString()).isZero();
		assertThat(Databases.count(database, "notes")).isEqualTo(1);
	}

	@Test
	void verifyPassesOnTheReferenceSetOnScratchDatabases() throws Exception {
		Cli.Result verify = run("verify", AuditCommandTest.REFERENCE);

		assertThat(verify.exit()).as(verify.toString()).isZero();
		assertThat(verify.out()).contains("Replay check on " + product()).contains("Down round-trip check on " + product())
			.doesNotContain("FAILED");
		assertThat(verify.out().split("PASSED", -1)).hasSize(3);
	}

	@Test
	void verifyFailsOnAnUpThatIsNotReplaySafeNamingTheFile() throws Exception {
		Path set = set();
		// The waiver silences the audit: only running it twice shows the problem.
		Files.writeString(set.resolve("0003_count_runs.sql"), "CREATE TABLE IF NOT EXISTS runs (n INTEGER);\n"
				+ "-- replaysafe:allow insert-without-conflict-guard wrongly waived\n"
				+ "INSERT INTO runs (n) VALUES (1);\n");
		Files.writeString(set.resolve("0003_count_runs.down.sql"), "DROP TABLE IF EXISTS runs;\n");

		Cli.Result verify = run("verify", set.toString());

		assertThat(verify.exit()).as(verify.toString()).isEqualTo(1);
		assertThat(verify.out()).contains("Replay check on " + product()).contains("FAILED")
			.contains("0003_count_runs.sql");
	}

	@Test
	void verifyLeavesTheDatabaseOfUrlUntouched() throws Exception {
		Path set = set();

		assertThat(run("verify", set.toString()).exit()).isZero();

		assertThat(run("info", set.toString()).out()).contains("2 migration(s), 2 pending");
	}

	abstract String product();

	static class Sqlite extends DatabaseCommandsTest {

		@Override
		Databases.Database database() {
			return Databases.sqlite(dir);
		}

		@Override
		String product() {
			return "SQLite";
		}

		@Test
		void verifyNeedsNoDatabaseAtAll() throws Exception {
			Cli.Result verify = Cli.run("verify", set().toString());

			assertThat(verify.exit()).as(verify.toString()).isZero();
			assertThat(verify.out()).contains("a temporary SQLite database (deleted afterwards)")
				.contains("Replay check on SQLite");
		}
	}

	static class Postgres extends DatabaseCommandsTest {

		@Override
		Databases.Database database() throws Exception {
			return Databases.postgres();
		}

		@Override
		String product() {
			return "PostgreSQL";
		}

		@Test
		void aWrongPasswordFailsWithTheDriversMessageAndIsNeverPrinted() throws Exception {
			String secret = "Wrong-Secret-7f3a";

			Cli.Result info = Cli.run("info", "--url", database.url(), "--user", database.user(), "--password", secret,
					set().toString());
			Cli.Result inUrl = Cli.run("info", "--url", database.url() + "?user=" + database.user() + "&password=" + secret,
					set().toString());

			assertThat(info.exit()).isEqualTo(1);
			assertThat(info.err()).contains("password authentication failed");
			assertThat(info.all()).doesNotContain(secret);
			assertThat(inUrl.exit()).isEqualTo(1);
			assertThat(inUrl.all()).doesNotContain(secret);
		}

		@Test
		void aDriverMessageThatQuotesThePasswordShowsItRedacted() throws Exception {
			// The server names the user in its refusal: a user named like the password shows the redaction.
			String secret = "Quoted-Secret-9c1d";

			Cli.Result info = Cli.run("info", "--url", database.url(), "--user", secret, "--password", secret,
					set().toString());

			assertThat(info.exit()).isEqualTo(1);
			assertThat(info.err()).contains("password authentication failed for user \"****\"");
			assertThat(info.all()).doesNotContain(secret);
		}

		@Test
		void verifyRefusesAnUrlItCannotCreateScratchDatabasesFrom() throws Exception {
			Cli.Result verify = Cli.run("verify", "--url", "jdbc:postgresql:app?password=Hidden-Secret-1", set().toString());

			assertThat(verify.exit()).isEqualTo(2);
			assertThat(verify.err()).contains("jdbc:postgresql://host:port/database").doesNotContain("Hidden-Secret-1");
		}
	}
}
