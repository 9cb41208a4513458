package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.replaysafe.cli.Databases.Database;

class FixCommandTest {

	@TempDir
	Path dir;

	/** Two unsafe ups, the first without a down; optionally an insert into a table without a key. */
	private Path unsafeSet(boolean keylessInsert) throws IOException {
		Path set = Files.createDirectories(dir.resolve("set"));
		Files.writeString(set.resolve("0001_notes.sql"), "-- notes\nCREATE TABLE notes (id VARCHAR(36) PRIMARY KEY, "
				+ "body TEXT);\nCREATE INDEX ix_notes_body ON notes (body);\n");
		Files.writeString(set.resolve("0002_seed.sql"), "INSERT INTO notes (id, body) VALUES ('n1', 'hello');\n"
				+ "ALTER TABLE notes ADD COLUMN author VARCHAR(50);\n"
				+ (keylessInsert ? "CREATE TABLE IF NOT EXISTS log (msg TEXT);\nINSERT INTO log (msg) VALUES ('x');\n"
						: ""));
		Files.writeString(set.resolve("0002_seed.down.sql"), "ALTER TABLE notes DROP COLUMN author;\n"
				+ "DELETE FROM notes WHERE id = 'n1';\n");
		return set;
	}

	private static String files(Path set) throws IOException {
		StringBuilder b = new StringBuilder();
		try (Stream<Path> list = Files.list(set)) {
			for (Path p : list.sorted().toList()) {
				b.append("== ").append(p.getFileName()).append('\n').append(Files.readString(p));
			}
		}
		return b.toString();
	}

	@Test
	void printsAUnifiedDiffThatPatchAppliesAndChangesNothingWithoutWrite() throws Exception {
		Path set = unsafeSet(false);
		String before = files(set);

		Cli.Result fix = Cli.run("fix", set.toString());

		assertThat(fix.exit()).as(fix.toString()).isZero();
		assertThat(files(set)).isEqualTo(before);
		assertThat(fix.out()).contains("--- a/" + set.resolve("0001_notes.sql") + "\n+++ b/" + set.resolve("0001_notes.sql"))
			.contains("-CREATE TABLE notes (").contains("+CREATE TABLE IF NOT EXISTS notes (")
			.contains("--- /dev/null\n+++ b/" + set.resolve("0001_notes.down.sql"))
			.contains("+DROP INDEX IF EXISTS ix_notes_body;\n+DROP TABLE IF EXISTS notes;\n");

		// The diff is what --write writes: GNU patch applied to each original gives the written file.
		Path written = Files.createDirectories(dir.resolve("written"));
		try (Stream<Path> list = Files.list(set)) {
			for (Path p : list.toList()) {
				Files.copy(p, written.resolve(p.getFileName()));
			}
		}
		assertThat(Cli.run("fix", "--write", written.toString()).exit()).isZero();
		assertThat(perFile(fix.out())).as("a diff for each of the four files").hasSize(4);
		for (String fileDiff : perFile(fix.out())) {
			String name = fileDiff.substring(fileDiff.indexOf("+++ b/") + 6, fileDiff.indexOf('\n', fileDiff.indexOf("+++ b/")));
			Path original = Path.of(name);
			Path source = Files.exists(original) ? original : Files.writeString(dir.resolve("empty"), "");
			Path out = dir.resolve("patched");
			Path diff = Files.writeString(dir.resolve("one.diff"), fileDiff);
			Process patch = new ProcessBuilder("patch", "-s", "-o", out.toString(), source.toString(), diff.toString())
				.redirectErrorStream(true).start();
			String said = new String(patch.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(patch.waitFor()).as(said).isZero();
			assertThat(Files.readString(out)).isEqualTo(Files.readString(written.resolve(original.getFileName())));
			Files.delete(out);
		}
	}

	/** Each file's part of the output: its diff lines only, not the notes printed after it. */
	private static List<String> perFile(String out) {
		List<String> diffs = new ArrayList<>();
		StringBuilder current = null;
		for (String line : out.lines().toList()) {
			if (line.startsWith("--- ")) {
				if (current != null) {
					diffs.add(current.toString());
				}
				current = new StringBuilder();
			}
			else if (current == null || !(line.startsWith("+") || line.startsWith("-") || line.startsWith(" ")
					|| line.startsWith("@@"))) {
				if (current != null) {
					diffs.add(current.toString());
					current = null;
				}
				continue;
			}
			current.append(line).append('\n');
		}
		if (current != null) {
			diffs.add(current.toString());
		}
		return diffs;
	}

	@Test
	void writeMakesTheSetPassTheAuditAndASecondFixFindsNothing() throws IOException {
		Path set = unsafeSet(false);
		assertThat(Cli.run("audit", set.toString()).exit()).as("a missing down is invalid input").isNotZero();

		Cli.Result fix = Cli.run("fix", "--write", set.toString());

		assertThat(fix.exit()).as(fix.toString()).isZero();
		Cli.Result audit = Cli.run("audit", set.toString());
		assertThat(audit.exit()).as(audit.toString()).isZero();
		Cli.Result again = Cli.run("fix", set.toString());
		assertThat(again.exit()).isZero();
		assertThat(again.out()).isEmpty();
	}

	@Test
	void listsWhatItCannotFixWithFileAndLineAndExitsOne() throws IOException {
		Path set = unsafeSet(true);

		Cli.Result fix = Cli.run("fix", set.toString());

		assertThat(fix.exit()).as(fix.toString()).isEqualTo(1);
		assertThat(fix.out()).contains(set.resolve("0002_seed.sql") + ":4: not fixed: INSERT INTO log: the table has no "
				+ "primary key or unique constraint")
			.contains(set.resolve("0002_seed.sql") + ":4:1 [insert-without-conflict-guard] ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sqlite", "postgresql" })
	void warnsWhenItEditsAFileTheDatabaseHasApplied(String kind) throws Exception {
		Path set = Files.createDirectories(dir.resolve("applied"));
		Files.writeString(set.resolve("0001_notes.sql"), "CREATE TABLE notes (id VARCHAR(36) PRIMARY KEY);\n");
		Files.writeString(set.resolve("0001_notes.down.sql"), "DROP TABLE IF EXISTS notes;\n");
		Files.writeString(set.resolve("0002_tags.sql"), "CREATE TABLE tags (id VARCHAR(36) PRIMARY KEY);\n");
		Files.writeString(set.resolve("0002_tags.down.sql"), "DROP TABLE IF EXISTS tags;\n");
		try (Database db = kind.equals("sqlite") ? Databases.sqlite(dir) : Databases.postgres()) {
			Files.move(set.resolve("0002_tags.sql"), dir.resolve("later.sql"));
			Files.move(set.resolve("0002_tags.down.sql"), dir.resolve("later.down.sql"));
			List<String> migrate = new ArrayList<>(List.of("migrate", "--audit", "off", set.toString()));
			migrate.addAll(List.of(db.options()));
			assertThat(Cli.run(migrate.toArray(String[]::new)).exit()).isZero();
			Files.move(dir.resolve("later.sql"), set.resolve("0002_tags.sql"));
			Files.move(dir.resolve("later.down.sql"), set.resolve("0002_tags.down.sql"));

			List<String> fix = new ArrayList<>(List.of("fix", set.toString()));
			fix.addAll(List.of(db.options()));
			Cli.Result result = Cli.run(fix.toArray(String[]::new));

			assertThat(result.exit()).as(result.toString()).isZero();
			assertThat(result.out()).contains("WARNING: " + set.resolve("0001_notes.sql") + " is applied on the database "
					+ "(version 1): editing it changes its checksum")
				.doesNotContain("WARNING: " + set.resolve("0002_tags.sql"));
		}
	}
}
