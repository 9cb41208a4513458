package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as {@code java -jar} in a child process as users run it (scripts/replaysafe):
 * the manifest, the bundled drivers and logging, the real environment and exit codes. Runs in the
 * integration-test phase, after package.
 */
class CliJarIT {

	@TempDir
	Path dir;

	record Run(int exit, String out, String err) {
	}

	private Run jar(Map<String, String> environment, String... args) throws Exception {
		String jar = System.getProperty("replaysafe.cli.jar");
		assertThat(jar).as("the jar's path (failsafe sets replaysafe.cli.jar)").isNotNull();
		assertThat(Path.of(jar)).as("the packaged jar").isRegularFile();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
		builder.environment().keySet().removeIf(k -> k.startsWith("REPLAYSAFE_"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
		return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
				Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
	}

	private Path set() throws IOException {
		Path set = Files.createDirectories(dir.resolve("db/migrations"));
		Files.writeString(set.resolve("0001_create_notes.sql"), "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT);\n");
		Files.writeString(set.resolve("0001_create_notes.down.sql"), "DROP TABLE IF EXISTS notes;\n");
		Files.writeString(set.resolve("0002_seed_note.sql"), "INSERT INTO notes (id, body) VALUES (1, 'hi') ON CONFLICT (id) DO NOTHING;\n");
		Files.writeString(set.resolve("0002_seed_note.down.sql"), "DELETE FROM notes WHERE id = 1;\n");
		return set;
	}

	@Test
	void onSqliteTheJarAuditsMigratesAndShowsTheStatusWithRealExitCodes() throws Exception {
		set();
		String url = "jdbc:sqlite:" + dir.resolve("app.db");

		Run audit = jar(Map.of(), "audit", "db/migrations");
		Run migrate = jar(Map.of(), "migrate", "--url", url, "db/migrations");
		Run info = jar(Map.of("REPLAYSAFE_URL", url), "info", "db/migrations");

		assertThat(audit.exit()).as(audit.toString()).isZero();
		assertThat(audit.out()).isEqualTo("0 error(s), 0 warning(s), 0 waived\n");
		assertThat(migrate.exit()).as(migrate.toString()).isZero();
		assertThat(migrate.out()).contains("Applied 2 migration(s): SQLite").contains("is at version 2");
		assertThat(migrate.err()).as("quiet by default").isEmpty();
		assertThat(info.exit()).as(info.toString()).isZero();
		assertThat(info.out()).containsPattern("(?m)^\\s*2\\s+seed note\\s+APPLIED\\s");
	}

	@Test
	void onSqliteFindingsExitOneAndUsageErrorsExitTwo() throws Exception {
		Path set = set();
		Files.writeString(set.resolve("0003_create_tags.sql"), "CREATE TABLE tags (id INTEGER PRIMARY KEY);\n");
		Files.writeString(set.resolve("0003_create_tags.down.sql"), "DROP TABLE IF EXISTS tags;\n");

		Run audit = jar(Map.of(), "audit", "db/migrations");
		Run usage = jar(Map.of(), "audit", "--format", "yaml", "db/migrations");

		assertThat(audit.exit()).isEqualTo(1);
		assertThat(audit.out()).contains("db/migrations/0003_create_tags.sql:1:1 [create-without-if-not-exists]");
		assertThat(usage.exit()).isEqualTo(2);
	}

	@Test
	void verboseShowsTheEnginesLog() throws Exception {
		set();

		Run migrate = jar(Map.of(), "migrate", "--verbose", "--url", "jdbc:sqlite:" + dir.resolve("app.db"), "db/migrations");

		assertThat(migrate.exit()).as(migrate.toString()).isZero();
		assertThat(migrate.err()).contains("INFO");
	}

	@Test
	void onPostgresqlTheJarMigratesAndShowsTheStatusWithTheLoginFromTheEnvironment() throws Exception {
		set();
		try (Databases.Database database = Databases.postgres()) {
			Map<String, String> login = Map.of("REPLAYSAFE_URL", database.url(), "REPLAYSAFE_USER", database.user(),
					"REPLAYSAFE_PASSWORD", database.password());

			Run migrate = jar(login, "migrate", "db/migrations");
			Run info = jar(login, "info", "--format", "json", "db/migrations");

			assertThat(migrate.exit()).as(migrate.toString()).isZero();
			assertThat(migrate.out()).contains("Applied 2 migration(s): PostgreSQL").contains("is at version 2");
			assertThat(info.exit()).as(info.toString()).isZero();
			assertThat(info.out()).contains("\"state\": \"APPLIED\"").contains("\"database\": \"PostgreSQL");
			assertThat(Databases.count(database, "notes")).isEqualTo(1);
		}
	}
}
