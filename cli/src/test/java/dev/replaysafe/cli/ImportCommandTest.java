package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.Migration;

class ImportCommandTest {

	@TempDir
	Path dir;

	private Path source() {
		return dir.resolve("source");
	}

	private Path target() {
		return dir.resolve("target");
	}

	private void write(String path, String text) throws IOException {
		Path file = source().resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	private Cli.Result importFrom(String tool) {
		return Cli.run("import", "--from", tool, source().toString(), target().toString());
	}

	private List<String> targetFiles() throws IOException {
		try (Stream<Path> list = Files.list(target())) {
			return list.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private String target(String name) throws IOException {
		return Files.readString(target().resolve(name));
	}

	/** The imported set as the engine reads it, and the rules its audit reports. */
	private List<String> auditRules() {
		List<Migration> migrations = Migration.load(List.of("filesystem:" + target()), getClass().getClassLoader());
		return Audit.of(migrations).stream().map(Finding::rule).toList();
	}

	private static String create(String table) {
		return "CREATE TABLE IF NOT EXISTS " + table + " (id INTEGER PRIMARY KEY);\n";
	}

	private static String drop(String table) {
		return "DROP TABLE IF EXISTS " + table + ";\n";
	}

	@Test
	void flywayVersionsAreRenumberedInFlywaysOrderWithTheMappingAndTheReport() throws IOException {
		write("V1__Create_users.sql", create("users"));
		write("U1__Create_users.sql", drop("users"));
		write("V1.1__add_email.sql", create("emails"));
		write("V1.10__add_phone.sql", create("phones"));
		write("V1.2__add_name.sql", create("names"));
		write("more/V1_3__add_city.sql", create("cities"));
		write("V2__Create_teams.sql", create("teams"));
		write("R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
		write("V3__Seed.java", "class V3__Seed {}\n");
		write("afterMigrate.sql", "SELECT 1;\n");

		Cli.Result result = importFrom("flyway");

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(result.out()).containsSubsequence(
				"V1__Create_users.sql -> 0001_create_users.sql + 0001_create_users.down.sql (from U1__Create_users.sql)",
				"V1.1__add_email.sql -> 0002_add_email.sql + 0002_add_email.down.sql (placeholder)",
				"V1.2__add_name.sql -> 0003_add_name.sql", "more/V1_3__add_city.sql -> 0004_add_city.sql",
				"V1.10__add_phone.sql -> 0005_add_phone.sql", "V2__Create_teams.sql -> 0006_create_teams.sql",
				"Placeholder downs (5):", "0002_add_email.down.sql: V1.1__add_email.sql has no down",
				"Not mapped (3):", "R__views.sql: a repeatable migration", "V3__Seed.java: a Java migration",
				"afterMigrate.sql: not a Flyway versioned migration", "flyway_schema_history",
				"if it shows 2, set 6");
		assertThat(target("0001_create_users.sql")).isEqualTo(create("users"));
		assertThat(target("0001_create_users.down.sql")).isEqualTo(drop("users"));
		assertThat(target("0005_add_phone.sql")).isEqualTo(create("phones"));
		assertThat(auditRules()).containsExactly("empty-down", "empty-down", "empty-down", "empty-down", "empty-down");
	}

	@Test
	void sqlxFilesKeepTheirNamesAndBytesSoItsHistoryReadsAsItIs() throws IOException {
		write("20220101000000_create_users.sql", create("users") + "\r\n-- crlf kept\r\n");
		write("20220102000000_create_teams.up.sql", create("teams"));
		write("20220102000000_create_teams.down.sql", drop("teams"));
		write("20220103000000_orphan.down.sql", drop("x"));
		write("notes.txt", "not a migration\n");
		write("old/20210101000000_older.sql", create("older"));

		Cli.Result result = importFrom("sqlx");

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(targetFiles()).containsExactly("20220101000000_create_users.down.sql",
				"20220101000000_create_users.sql", "20220102000000_create_teams.down.sql",
				"20220102000000_create_teams.up.sql");
		assertThat(Files.readAllBytes(target().resolve("20220101000000_create_users.sql")))
			.isEqualTo(Files.readAllBytes(source().resolve("20220101000000_create_users.sql")));
		assertThat(result.out()).containsSubsequence(
				"20220101000000_create_users.sql -> 20220101000000_create_users.sql + 20220101000000_create_users.down.sql (placeholder)",
				"20220102000000_create_teams.up.sql -> 20220102000000_create_teams.up.sql + 20220102000000_create_teams.down.sql",
				"Placeholder downs (1):", "Not mapped (3):", "20220103000000_orphan.down.sql: a down without its up",
				"notes.txt: not an sqlx migration", "old/: a sub-folder (sqlx reads only the folder itself)",
				"nothing to do", "_sqlx_migrations");
		assertThat(auditRules()).containsExactly("empty-down");
	}

	@Test
	void dieselFoldersBecomeFilesVersionedByTheirTimestampInOrder() throws IOException {
		write("00000000000000_diesel_initial_setup/up.sql", create("setup"));
		write("00000000000000_diesel_initial_setup/down.sql", drop("setup"));
		write("2017-09-06-000000_add_posts/up.sql", create("posts"));
		write("2017-09-05-123456_create_users/up.sql", create("users"));
		write("2017-09-05-123456_create_users/down.sql", drop("users"));
		write("2017-09-07-000000_index_posts/up.sql", "CREATE INDEX IF NOT EXISTS ix_posts ON posts (id);\n");
		write("2017-09-07-000000_index_posts/down.sql", "DROP INDEX IF EXISTS ix_posts;\n");
		write("2017-09-07-000000_index_posts/metadata.toml", "run_in_transaction = false\n");
		write("2017-09-07-000000_index_posts/notes.md", "why\n");
		write(".keep", "");

		Cli.Result result = importFrom("diesel");

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(result.out()).containsSubsequence(
				"00000000000000_diesel_initial_setup/up.sql -> 00000000000000_diesel_initial_setup.sql",
				"2017-09-05-123456_create_users/up.sql -> 20170905123456_create_users.sql + 20170905123456_create_users.down.sql",
				"2017-09-06-000000_add_posts/up.sql -> 20170906000000_add_posts.sql + 20170906000000_add_posts.down.sql (placeholder)",
				"2017-09-07-000000_index_posts/up.sql -> 20170907000000_index_posts.sql", "Placeholder downs (1):",
				"Not mapped (2):", ".keep: not a Diesel migration", "2017-09-07-000000_index_posts/notes.md: not up.sql or down.sql",
				"__diesel_schema_migrations");
		assertThat(target("20170907000000_index_posts.sql")).startsWith("-- replaysafe:no-transaction\nCREATE INDEX");
		assertThat(target("20170905123456_create_users.down.sql")).isEqualTo(drop("users"));
		assertThat(auditRules()).containsExactly("empty-down");
	}

	@Test
	void golangMigratePairsAreOrderedByTheirNumericVersion() throws IOException {
		write("1_create_users.up.sql", create("users"));
		write("1_create_users.down.sql", drop("users"));
		write("10_create_teams.up.sql", create("teams"));
		write("10_create_teams.down.sql", drop("teams"));
		write("2_add_email.up.sql", create("emails"));
		write("3_orphan.down.sql", drop("x"));
		write("4_plain.sql", create("plain"));

		Cli.Result result = importFrom("golang-migrate");

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(result.out()).containsSubsequence("1_create_users.up.sql -> 1_create_users.sql + 1_create_users.down.sql",
				"2_add_email.up.sql -> 2_add_email.sql + 2_add_email.down.sql (placeholder)",
				"10_create_teams.up.sql -> 10_create_teams.sql", "Placeholder downs (1):", "Not mapped (2):",
				"3_orphan.down.sql: a down without its up", "4_plain.sql: not a golang-migrate migration",
				"schema_migrations", "dirty");
		assertThat(target("10_create_teams.down.sql")).isEqualTo(drop("teams"));
		assertThat(auditRules()).containsExactly("empty-down");
	}

	@Test
	void dbmateSectionsBecomeAnUpAndADownFile() throws IOException {
		write("20151129054053_create_users.sql", "-- migrate:up\n" + create("users") + "\n-- migrate:down\n" + drop("users"));
		write("20151129054054_index_users.sql", "-- migrate:up transaction:false\n"
				+ "CREATE INDEX IF NOT EXISTS ix_users ON users (id);\n\n-- migrate:down\n\n");
		write("20151129054055_no_sections.sql", create("x"));

		Cli.Result result = importFrom("dbmate");

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(target("20151129054053_create_users.sql")).isEqualTo(create("users"));
		assertThat(target("20151129054053_create_users.down.sql")).isEqualTo(drop("users"));
		assertThat(target("20151129054054_index_users.sql"))
			.isEqualTo("-- replaysafe:no-transaction\nCREATE INDEX IF NOT EXISTS ix_users ON users (id);\n");
		assertThat(result.out()).containsSubsequence("20151129054053_create_users.sql -> 20151129054053_create_users.sql",
				"20151129054054_index_users.sql -> 20151129054054_index_users.sql + 20151129054054_index_users.down.sql (placeholder)",
				"Not mapped (1):", "20151129054055_no_sections.sql: no -- migrate:up section", "schema_migrations");
		assertThat(auditRules()).containsExactly("empty-down");
	}

	@Test
	void anExistingTargetFileIsNeverOverwrittenAndNothingIsWritten() throws IOException {
		write("1_create_users.up.sql", create("users"));
		write("2_create_teams.up.sql", create("teams"));
		Files.createDirectories(target());
		Files.writeString(target().resolve("2_create_teams.sql"), "-- mine\n");

		Cli.Result result = importFrom("golang-migrate");

		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err()).contains("2_create_teams.sql exists already");
		assertThat(targetFiles()).containsExactly("2_create_teams.sql");
		assertThat(target("2_create_teams.sql")).isEqualTo("-- mine\n");
	}

	@Test
	void aTargetVersionTakenByAnotherFileIsRefused() throws IOException {
		write("1_create_users.up.sql", create("users"));
		Files.createDirectories(target());
		Files.writeString(target().resolve("0001_other.sql"), "-- mine\n");

		Cli.Result result = importFrom("golang-migrate");

		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err()).contains("already has version 1 (0001_other.sql)");
	}

	@Test
	void anUnknownToolOrAMissingSourceIsAUsageErrorAndASourceWithoutMigrationsFails() throws IOException {
		Files.createDirectories(source());

		assertThat(importFrom("liquibase").exit()).isEqualTo(2);
		assertThat(Cli.run("import", "--from", "sqlx", dir.resolve("nowhere").toString(), target().toString()).exit())
			.isEqualTo(2);
		Cli.Result empty = importFrom("sqlx");
		assertThat(empty.exit()).isEqualTo(1);
		assertThat(empty.out()).contains("No sqlx migrations found");
		assertThat(Files.exists(target())).isFalse();
	}
}
