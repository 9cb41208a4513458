package dev.replaysafe.bench;

import java.nio.file.Path;
import java.util.List;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.MigrationSource;
import dev.replaysafe.SqlFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BenchTest {

	@Test
	void eachChildClasspathHoldsItsOwnToolAndTheDriversButNotTheOtherTools() {
		assertThat(Bench.classpath("flyway")).contains("flyway-core", "sqlite-jdbc", "postgresql")
				.doesNotContain("liquibase-core", "snakeyaml", "replaysafe-core");
		assertThat(Bench.classpath("liquibase")).contains("liquibase-core", "snakeyaml", "sqlite-jdbc")
				.doesNotContain("flyway", "replaysafe-core");
		assertThat(Bench.classpath("jdbc")).contains("sqlite-jdbc", "postgresql")
				.doesNotContain("flyway", "liquibase", "replaysafe-core");
		assertThat(Bench.classpath("replaysafe")).contains("sqlite-jdbc").doesNotContain("flyway", "liquibase",
				"spring", "logback");
	}

	@Test
	void bootChildrenDifferOnlyByTheStarterAndItsEngine() {
		String plain = Bench.classpath("boot-plain");
		String starter = Bench.classpath("boot-starter");
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
}
