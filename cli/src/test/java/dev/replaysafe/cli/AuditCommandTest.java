package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class AuditCommandTest {

	/** The reference set of the migrations module, a clean set (on the test class path). */
	static final String REFERENCE = "classpath:db/migrations";

	@TempDir
	Path dir;

	/** One unsafe up (line 2) and a safe down, in {@code dir/unsafe}. */
	private Path unsafeSet() throws IOException {
		Path set = Files.createDirectories(dir.resolve("unsafe"));
		Files.writeString(set.resolve("0001_create_notes.sql"), "-- notes\nCREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
		Files.writeString(set.resolve("0001_create_notes.down.sql"), "DROP TABLE IF EXISTS notes;\n");
		return set;
	}

	@Test
	void aCleanSetExitsZeroAndCountsNoFindings() {
		Cli.Result result = Cli.run("audit", REFERENCE);

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(result.out()).isEqualTo("0 error(s), 0 warning(s), 0 waived\n");
	}

	@Test
	void aFolderGivenAsAPlainPathIsReadFromTheFileSystem() throws IOException {
		Path set = Files.createDirectories(dir.resolve("clean"));
		Files.writeString(set.resolve("0001_create_notes.sql"), "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY);\n");
		Files.writeString(set.resolve("0001_create_notes.down.sql"), "DROP TABLE IF EXISTS notes;\n");

		assertThat(Cli.run("audit", set.toString()).exit()).isZero();
		assertThat(Cli.run("audit", "filesystem:" + set).exit()).isZero();
	}

	@Test
	void anUnsafeSetExitsOneNamingFileLineColumnRuleAndFix() throws IOException {
		Path set = unsafeSet();

		Cli.Result result = Cli.run("audit", set.toString());

		assertThat(result.exit()).as(result.toString()).isEqualTo(1);
		assertThat(result.out()).contains(set.resolve("0001_create_notes.sql") + ":2:1 [create-without-if-not-exists] ")
			.contains(". Fix: CREATE TABLE IF NOT EXISTS").endsWith("1 error(s), 0 warning(s), 0 waived\n");
	}

	@Test
	void warningsAndWaivedFindingsAloneExitZero() throws IOException {
		Path set = Files.createDirectories(dir.resolve("reviewed"));
		Files.writeString(set.resolve("0001_fill.sql"), "UPDATE notes SET body = '' WHERE body IS NULL;\n"
				+ "-- replaysafe:allow insert-without-conflict-guard the table is emptied first\n"
				+ "INSERT INTO notes (id) VALUES (1);\n");
		Files.writeString(set.resolve("0001_fill.down.sql"), "DELETE FROM notes;\n");

		Cli.Result result = Cli.run("audit", set.toString());

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(result.out()).endsWith("0 error(s), 1 warning(s), 1 waived\n");
	}

	@Test
	void anInvalidSetExitsOneWithTheEnginesMessageAndNoStackTrace() throws IOException {
		Path set = Files.createDirectories(dir.resolve("no-down"));
		Files.writeString(set.resolve("0001_create_notes.sql"), "CREATE TABLE IF NOT EXISTS notes (id INTEGER);\n");

		Cli.Result result = Cli.run("audit", set.toString());

		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.err()).contains("0001_create_notes.sql: no down file; add 0001_create_notes.down.sql")
			.doesNotContain("\tat ").doesNotContain("Exception");
	}

	@Test
	void usageErrorsExitTwo() {
		assertThat(Cli.run("audit").exit()).isEqualTo(2);
		assertThat(Cli.run("audit", "--format", "xml", REFERENCE).exit()).isEqualTo(2);
		assertThat(Cli.run("audit", "--no-such-option", REFERENCE).exit()).isEqualTo(2);
		assertThat(Cli.run("no-such-command").exit()).isEqualTo(2);
		assertThat(Cli.run().exit()).isEqualTo(2);
	}

	@Test
	void aLocationThatDoesNotExistIsAUsageErrorNamingIt() {
		Cli.Result result = Cli.run("audit", dir.resolve("missing").toString());

		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err()).contains("LOCATION " + dir.resolve("missing") + " does not exist");
	}

	@Test
	void sarifOutputIsValidSarif210WithUrisRelativeToTheBaseDirectory() throws IOException {
		unsafeSet();

		Cli.Result result = Cli.run("audit", "--format", "sarif", "--base-dir", dir.toString(), dir.resolve("unsafe").toString());

		assertThat(result.exit()).as(result.toString()).isEqualTo(1);
		JsonNode sarif = new ObjectMapper().readTree(result.out());
		assertThat(sarif.get("version").asString()).isEqualTo("2.1.0");
		assertThat(sarif.get("$schema").asString()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
		JsonNode run = sarif.get("runs").get(0);
		assertThat(run.get("tool").get("driver").get("name").asString()).isEqualTo("replaysafe");
		JsonNode result0 = run.get("results").get(0);
		assertThat(result0.get("ruleId").asString()).isEqualTo("create-without-if-not-exists");
		assertThat(result0.get("level").asString()).isEqualTo("error");
		JsonNode location = result0.get("locations").get(0).get("physicalLocation");
		assertThat(location.get("artifactLocation").get("uri").asString()).isEqualTo("unsafe/0001_create_notes.sql");
		assertThat(location.get("region").get("startLine").asInt()).isEqualTo(2);
		assertThat(location.get("region").get("startColumn").asInt()).isEqualTo(1);
	}

	@Test
	void jsonOutputListsEachFindingWithItsFieldsAndTheCounts() throws IOException {
		unsafeSet();

		Cli.Result result = Cli.run("audit", "--format", "json", "--base-dir", dir.toString(), dir.resolve("unsafe").toString());

		assertThat(result.exit()).isEqualTo(1);
		JsonNode json = new ObjectMapper().readTree(result.out());
		JsonNode finding = json.get("findings").get(0);
		assertThat(finding.get("file").asString()).isEqualTo("unsafe/0001_create_notes.sql");
		assertThat(finding.get("line").asInt()).isEqualTo(2);
		assertThat(finding.get("rule").asString()).isEqualTo("create-without-if-not-exists");
		assertThat(finding.get("severity").asString()).isEqualTo("error");
		assertThat(json.get("errors").asInt()).isEqualTo(1);
	}
}
