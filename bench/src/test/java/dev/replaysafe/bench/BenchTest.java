package dev.replaysafe.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.SqlFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {

	@Test
	void eachChildClasspathHoldsItsOwnToolAndTheDriversButNotTheOtherTools() {
		assertThat(portable(Bench.classpath("flyway"))).contains("flyway-core", "sqlite-jdbc", "postgresql")
				.doesNotContain("liquibase-core", "snakeyaml", "replaysafe-core");
		assertThat(portable(Bench.classpath("liquibase"))).contains("liquibase-core", "snakeyaml", "sqlite-jdbc")
				.doesNotContain("flyway", "replaysafe-core");
		assertThat(portable(Bench.classpath("jdbc"))).contains("sqlite-jdbc", "postgresql")
				.doesNotContain("flyway", "liquibase", "replaysafe-core");
		assertThat(portable(Bench.classpath("replaysafe"))).contains("sqlite-jdbc").doesNotContain("flyway", "liquibase",
				"spring", "logback");
		assertThat(Bench.classpath("replaysafe-never")).isEqualTo(Bench.classpath("replaysafe"));
	}

	@Test
	void bootChildrenDifferOnlyByTheStarterAndItsEngine() {
		String plain = portable(Bench.classpath("boot-plain"));
		String starter = portable(Bench.classpath("boot-starter"));
		assertThat(plain).contains("spring-boot", "HikariCP", "logback-classic", "sqlite-jdbc")
				.doesNotContain("replaysafe-", "/core/target/classes", "/autoconfigure/target/classes", "flyway", "liquibase",
						"slf4j-nop");
		// Jars from a packaged build, class folders from the test reactor.
		assertThat(starter).containsAnyOf("replaysafe-spring-boot-autoconfigure", "/autoconfigure/target/classes");
		assertThat(starter.split(java.io.File.pathSeparator)).containsAll(java.util.List.of(plain.split(java.io.File.pathSeparator)));
	}

	@Test
	void theScaleCasesFilesAuditCleanAndEachGeneratedWaiverIsUsed(@TempDir Path dir) throws Exception {
		ScaleChild.writeBigSet(dir, 1);

		assertThat(Audit.of(MigrationSource.load(List.of("filesystem:" + dir), getClass().getClassLoader())))
				.isEmpty();
		assertThat(dir.resolve("0002_fill_big.sql").toFile().length()).isBetween(1L << 20, (1L << 20) + 20_000);
		assertThat(Audit.up(SqlFile.of("w.sql", ScaleChild.waived(50)))).hasSize(50).allMatch(Finding::isWaived);
	}

	/**
	 * The classpath with each entry cut to what names it: a jar's file name, or a class folder's path
	 * inside the checkout. The checkout's own folder (any name, such as replaysafe-ci.X) and the
	 * local repository's location then cannot make an assertion pass or fail.
	 */
	private static String portable(String classpath) {
		Path root = Path.of("").toAbsolutePath().getParent();
		return Arrays.stream(classpath.split(File.pathSeparator)).map(Path::of)
			.map(p -> p.startsWith(root) ? "/" + root.relativize(p).toString().replace(File.separatorChar, '/')
					: p.getFileName().toString())
			.collect(Collectors.joining(File.pathSeparator));
	}
}
