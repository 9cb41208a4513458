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
	void theConcurrentCaseIsReadAgainstTheMachinesCapacity() {
		int cores = Runtime.getRuntime().availableProcessors();
		// 8 processes that took twice the wall time of one and 4 times its CPU.
		String note = Bench.cpuNormalised("replaysafe", 8, 1000, 2000, 1500, 6000);
		assertThat(note).startsWith("concurrent replaysafe: × 8 used 6000 ms of machine CPU (× 1: 1500 ms, 4.00× as much work), "
				+ Math.round(100 * 6000.0 / (cores * 2000)) + " % of " + cores + " cores over its 2000 ms; 2.00× × 1 in wall time, "
				+ "4.00× in CPU; with a core per instance at least 1000 ms (1.00× × 1)");
		// Enough CPU that one core each cannot finish as soon as one process alone.
		assertThat(Bench.cpuNormalised("flyway", 8, 1000, 5000, 1500, 16000)).endsWith("at least 2000 ms (2.00× × 1)");
	}

	@Test
	void theMachinesBusyTimeGrowsWithWork() {
		long before = Bench.machineBusyMillis();
		long until = System.nanoTime() + 300_000_000L;
		long spin = 0;
		while (System.nanoTime() < until) {
			spin++;
		}
		assertThat(spin).isPositive();
		assertThat(Bench.machineBusyMillis() - before).isGreaterThanOrEqualTo(100);
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
