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

class NewCommandTest {

	@TempDir
	Path dir;

	private List<String> files() throws IOException {
		try (Stream<Path> list = Files.list(dir)) {
			return list.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	private void touch(String... names) throws IOException {
		for (String name : names) {
			Files.writeString(dir.resolve(name), "-- x\n");
		}
	}

	@Test
	void inAnEmptyFolderTheFirstMigrationIs0001WithItsDown() throws IOException {
		Cli.Result result = Cli.run("new", "Create users", "--dir", dir.toString());

		assertThat(result.exit()).as(result.toString()).isZero();
		assertThat(files()).containsExactly("0001_create_users.down.sql", "0001_create_users.sql");
		assertThat(result.out()).contains("Created " + dir.resolve("0001_create_users.sql"))
			.contains("Created " + dir.resolve("0001_create_users.down.sql"));
	}

	@Test
	void theNextNumberFollowsTheHighestExistingVersion() throws IOException {
		touch("0002_a.sql", "0002_a.down.sql", "0007_b.sql", "0007_b.down.sql", "notes.txt");

		assertThat(Cli.run("new", "add", "email", "--dir", dir.toString()).exit()).isZero();

		assertThat(files()).contains("0008_add_email.sql", "0008_add_email.down.sql");
	}

	@Test
	void theWidthOfTheExistingNumbersIsKept() throws IOException {
		touch("001_a.sql", "001_a.down.sql", "012_b.sql", "012_b.down.sql");

		assertThat(Cli.run("new", "x", "--dir", dir.toString()).exit()).isZero();

		assertThat(files()).contains("013_x.sql", "013_x.down.sql");
	}

	@Test
	void anUpNamedDotUpSqlIsFollowed() throws IOException {
		touch("20240101120000_a.up.sql", "20240101120000_a.down.sql");

		assertThat(Cli.run("new", "b", "--dir", dir.toString()).exit()).isZero();

		assertThat(files()).contains("20240101120001_b.up.sql", "20240101120001_b.down.sql");
	}

	@Test
	void theDescriptionIsNormalisedToLowerSnakeCase() {
		assertThat(NewCommand.snake("  Add User-Email (v2)! ")).isEqualTo("add_user_email_v2");
		assertThat(NewCommand.snake("addUserEmail")).isEqualTo("add_user_email");
		assertThat(NewCommand.snake("already_snake")).isEqualTo("already_snake");
	}

	@Test
	void theNewPairLoadsAndTheAuditFlagsTheDownUntilItIsWritten() throws IOException {
		Cli.run("new", "create users", "--dir", dir.toString());

		List<Migration> migrations = Migration.load(List.of("filesystem:" + dir), getClass().getClassLoader());

		assertThat(migrations).singleElement().extracting(Migration::description).isEqualTo("create users");
		assertThat(Audit.of(migrations)).extracting(Finding::rule).containsExactly("empty-down");
	}

	@Test
	void aFolderThatDoesNotExistOrADescriptionWithoutWordsIsAUsageError() throws IOException {
		Cli.Result missing = Cli.run("new", "x", "--dir", dir.resolve("missing").toString());
		Cli.Result empty = Cli.run("new", "--dir", dir.toString());
		Cli.Result symbols = Cli.run("new", "!!!", "--dir", dir.toString());

		assertThat(missing.exit()).isEqualTo(2);
		assertThat(missing.err()).contains("is not a folder");
		assertThat(empty.exit()).isEqualTo(2);
		assertThat(symbols.exit()).isEqualTo(2);
		assertThat(files()).isEmpty();
	}
}
