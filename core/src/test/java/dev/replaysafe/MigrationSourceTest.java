package dev.replaysafe;

import dev.replaysafe.internal.source.MigrationSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.MigrationDir;

class MigrationSourceTest {

	private static List<Migration> load(MigrationDir dir) {
		return MigrationSource.load(List.of(dir.location()), MigrationSourceTest.class.getClassLoader());
	}

	private static MigrationException rejected(MigrationDir dir) {
		try {
			load(dir);
		}
		catch (MigrationException e) {
			return e;
		}
		throw new AssertionError("expected the set to be rejected");
	}

	@Test
	void readsTheReferenceSetFromTheClasspathInVersionOrder() {
		List<Migration> migrations = MigrationSource.load(List.of("classpath:db/migrations"), getClass().getClassLoader());

		assertThat(migrations).extracting(Migration::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
		assertThat(migrations.get(0).description()).isEqualTo("create workspaces");
		assertThat(migrations.get(0).down().fileName()).isEqualTo("0001_create_workspaces.down.sql");
	}

	@Test
	void readsMigrationsInsideAJar(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
		Path jar = tmp.resolve("m.jar");
		try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar.toFile()))) {
			// As Maven and Gradle write jars: folders have entries too.
			for (String[] entry : new String[][] {{"sql/", null}, {"sql/m/", null}, {"sql/m/0001_a.sql", "SELECT 1;"}, {"sql/m/0001_a.down.sql", "SELECT 2;"},
					{"sql/m/nested/0002_b.sql", "SELECT 3;"}, {"sql/other/0003_c.sql", "SELECT 4;"}}) {
				out.putNextEntry(new JarEntry(entry[0]));
				if (entry[1] != null) {
					out.write(entry[1].getBytes(StandardCharsets.UTF_8));
				}
				out.closeEntry();
			}
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
			List<Migration>[] loaded = new List[1];
			assertThat(warnings(() -> loaded[0] = MigrationSource.load(List.of("classpath:sql/m"), loader)))
				.singleElement().satisfies(w -> assertThat(w).contains("nested/0002_b.sql").doesNotContain("0003_c"));
			List<Migration> migrations = loaded[0];

			assertThat(migrations).singleElement().satisfies(m -> {
				assertThat(m.version()).isEqualTo(1);
				assertThat(m.up().text()).isEqualTo("SELECT 1;");
				assertThat(m.up().location()).isEqualTo("sql/m/0001_a.sql");
			});
		}
	}

	/** Captures what {@code run} logs at WARN (the engine logs under Migrator's name). */
	static List<String> warnings(Runnable run) {
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Migrator.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		try {
			run.run();
		}
		finally {
			logger.detachAppender(logged);
		}
		return logged.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
			.map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
	}

	@Test
	void sqlFilesInSubFoldersAreNotReadAndAWarningNamesThem() {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "SELECT 1;", "SELECT 2;")
			.migration("archive/0002_b", "SELECT 3;", "SELECT 4;")
			.file("archive/old/0003_c.sql", "SELECT 5;")
			.file("notes/README.md", "# x");

		List<String> warnings = warnings(() -> assertThat(load(dir)).extracting(Migration::version).containsExactly(1L));

		assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
			.contains("3 .sql file(s) in sub-folders of " + dir.location() + " are not read")
			.contains("archive/0002_b.sql", "archive/0002_b.down.sql", "archive/old/0003_c.sql")
			.doesNotContain("README"));
		assertThat(warnings(() -> load(MigrationDir.create().migration("0001_a", "SELECT 1;", "SELECT 2;")
			.file("notes/README.md", "# x")))).as("no .sql below: nothing to say").isEmpty();
	}

	@Test
	void ignoresFilesThatAreNotSql() {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "SELECT 1;", "SELECT 2;").file("README.md", "# x");

		assertThat(load(dir)).hasSize(1);
	}

	@Test
	void rejectsTwoFilesWithOneVersionNamingBoth() {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "SELECT 1;", "SELECT 2;")
			.file("0001_b.sql", "SELECT 3;");

		assertThat(rejected(dir).problems()).singleElement().asString()
			.contains("version 1 is used by more than one file").contains("0001_a.sql").contains("0001_b.sql");
	}

	@Test
	void rejectsAnUpWithoutItsDown() {
		MigrationDir dir = MigrationDir.create().file("0001_a.sql", "SELECT 1;");

		assertThat(rejected(dir).getMessage()).contains("0001_a.sql: no down file; add 0001_a.down.sql");
	}

	@Test
	void rejectsADownWithoutItsUp() {
		MigrationDir dir = MigrationDir.create().file("0002_b.down.sql", "SELECT 1;");

		assertThat(rejected(dir).getMessage()).contains("0002_b.down.sql: a down without its up; add 0002_b.sql");
	}

	@Test
	void rejectsADownNamedForAnotherDescription() {
		MigrationDir dir = MigrationDir.create().file("0001_a.sql", "SELECT 1;").file("0001_b.down.sql", "SELECT 1;");

		assertThat(rejected(dir).getMessage()).contains("0001_b.down.sql: the down of 0001_a.sql must be named 0001_a.down.sql");
	}

	@Test
	void rejectsNamesThatDoNotParse() {
		MigrationDir dir = MigrationDir.create().file("V1__flyway_style.sql", "SELECT 1;").file("0001.sql", "SELECT 1;");

		assertThat(rejected(dir).problems()).hasSize(2)
			.allSatisfy(p -> assertThat(p).contains("the name does not parse; name migrations NNNN_description.sql"));
	}

	@Test
	void rejectsVersionsOutOfRange() {
		MigrationDir dir = MigrationDir.create().migration("99999999999999999999_big", "SELECT 1;", "SELECT 1;");

		assertThat(rejected(dir).getMessage()).contains("version 99999999999999999999 is out of range");
	}

	@Test
	void rejectsEmptyFiles() {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "  \n\n", "SELECT 1;");

		assertThat(rejected(dir).getMessage()).contains("0001_a.sql: the file is empty");
	}

	@Test
	void rejectsFilesThatAreNotUtf8NamingTheLine() {
		MigrationDir dir = MigrationDir.create().file("0001_a.down.sql", "SELECT 1;")
			.bytes("0001_a.sql", new byte[] {'S', 'E', 'L', ';', '\n', 'x', (byte) 0xC3, (byte) 0x28});

		assertThat(rejected(dir).getMessage()).contains("0001_a.sql: not valid UTF-8 (at line 2, byte offset 6)");
	}

	@Test
	void reportsEveryProblemAtOnce() {
		MigrationDir dir = MigrationDir.create().file("0001_a.sql", "SELECT 1;").file("0002_b.down.sql", "SELECT 1;")
			.file("bad.sql", "SELECT 1;").migration("0003_c", "", "SELECT 1;");

		assertThat(rejected(dir).problems()).hasSize(4);
	}

	@Test
	void rejectsALocationThatDoesNotExist() {
		assertThatThrownBy(() -> MigrationSource.load(List.of("classpath:db/nowhere", "filesystem:/no/such/dir"),
				getClass().getClassLoader()))
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("location classpath:db/nowhere does not exist")
			.hasMessageContaining("location filesystem:/no/such/dir does not exist");
	}

	@Test
	void checksumIsSha384OfTheExactBytesAndToleratesOnlyLineEndChanges() throws Exception {
		MigrationDir dir = MigrationDir.create().migration("0001_a", "SELECT 1;\r\nSELECT 2;\r\n", "SELECT 1;");
		Migration crlf = load(dir).get(0);
		byte[] lf = java.security.MessageDigest.getInstance("SHA-384")
			.digest("SELECT 1;\nSELECT 2;\n".getBytes(StandardCharsets.UTF_8));

		assertThat(crlf.checksum()).isEqualTo(java.security.MessageDigest.getInstance("SHA-384")
			.digest(Files.readAllBytes(dir.path().resolve("0001_a.sql"))));
		assertThat(crlf.checksum()).isNotEqualTo(lf);
		assertThat(crlf.up().sameContentIgnoringLineEnds(lf)).isTrue();
		assertThat(crlf.up().sameContentIgnoringLineEnds(new byte[48])).isFalse();
	}
}
