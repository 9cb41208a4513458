package dev.replaysafe.bench;

import org.junit.jupiter.api.Test;

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
}
