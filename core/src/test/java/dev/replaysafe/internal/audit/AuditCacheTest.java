package dev.replaysafe.internal.audit;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.audit.FileAudit;
import dev.replaysafe.internal.audit.AuditCache;
import dev.replaysafe.internal.sql.SqlScript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The audit of files as the lexer streams them, the cache of findings by location and checksum,
 * and waivers at scale. No timing here: the figures are in the bench module (docs/BENCHMARKS.md).
 */
class AuditCacheTest {

	private static final String UNSAFE = "CREATE TABLE t (id INT);\nINSERT INTO t (id) VALUES (1);\n";

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.replaysafe.AuditTest#badFiles")
	void theStreamedAuditOfAFileFindsExactlyWhatTheAuditOfItsParsedScriptFinds(String name) throws Exception {
		String text = Files.readString(Path.of(AuditCacheTest.class.getResource("/audit/bad/" + name).toURI()),
				StandardCharsets.UTF_8);
		boolean down = name.endsWith(".down.sql");
		SqlScript parsed = SqlScript.parse(name, text);

		List<Finding> streamed = down ? Audit.down(SqlFile.of(name, text)) : Audit.up(SqlFile.of(name, text));

		assertThat(streamed).isEqualTo(down ? FileAudit.down(parsed) : FileAudit.up(parsed));
	}

	@Test
	void aFileAuditedBeforeIsNotLexedAgainAndGivesTheSameFindings() {
		SqlFile file = SqlFile.of(unique("up.sql"), UNSAFE);
		List<Finding> first = Audit.up(file);
		long lexed = SqlScript.filesLexed();

		List<Finding> again = Audit.up(SqlFile.of(file.location(), file.text()));

		assertThat(SqlScript.filesLexed()).as("files lexed by the second audit").isEqualTo(lexed);
		assertThat(again).isEqualTo(first).extracting(Finding::rule)
			.containsExactly("create-without-if-not-exists", "insert-without-conflict-guard");
	}

	@Test
	void aChangedFileIsAuditedAgain() {
		String location = unique("up.sql");
		assertThat(Audit.up(SqlFile.of(location, UNSAFE))).hasSize(2);
		long lexed = SqlScript.filesLexed();

		List<Finding> changed = Audit.up(SqlFile.of(location, "CREATE TABLE IF NOT EXISTS t (id INT);\n"));

		assertThat(SqlScript.filesLexed()).as("the new checksum is lexed").isEqualTo(lexed + 1);
		assertThat(changed).isEmpty();
	}

	@Test
	void anUpAndADownWithTheSameTextAreAuditedEachByItsOwnRules() {
		String location = unique("same.sql");

		assertThat(Audit.up(SqlFile.of(location, "-- nothing\n"))).isEmpty();
		assertThat(Audit.down(SqlFile.of(location, "-- nothing\n"))).extracting(Finding::rule).containsExactly("empty-down");
	}

	@Test
	void aFileTheLexerRejectsIsNotKeptAndFailsTheSameWayEachTime() {
		SqlFile file = SqlFile.of(unique("bad.sql"), "SELECT 'open;\n");

		Throwable first = catchThrowable(() -> Audit.up(file));
		long lexed = SqlScript.filesLexed();
		Throwable second = catchThrowable(() -> Audit.up(file));

		assertThat(first).isInstanceOf(MigrationException.class).hasMessageContaining(":1:8: unterminated string literal");
		assertThat(second).isInstanceOf(MigrationException.class).hasMessage(first.getMessage());
		assertThat(SqlScript.filesLexed()).isEqualTo(lexed + 1);
	}

	@Test
	void concurrentCallersOfOneFileShareASingleAudit() throws Exception {
		AuditCache<List<Finding>> cache = AuditCache.ofFindings(AuditCache.CAPACITY);
		SqlFile file = SqlFile.of(unique("up.sql"), UNSAFE);
		AtomicInteger audits = new AtomicInteger();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<List<Finding>>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return cache.get(file, false, () -> {
						audits.incrementAndGet();
						return FileAudit.up(SqlScript.parse(file.location(), file.text()));
					});
				}));
			}
			start.countDown();
			for (Future<List<Finding>> result : results) {
				assertThat(result.get(1, TimeUnit.MINUTES)).hasSize(2);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(audits).hasValue(1);
	}

	@Test
	void theCacheKeepsItsWeightWithinItsCapacityDroppingTheLeastRecentlyUsedFirst() {
		// Each entry weighs 1 + its findings: 3 here, so a capacity of 7 holds two.
		AuditCache<List<Finding>> cache = AuditCache.ofFindings(7);
		SqlFile a = SqlFile.of(unique("a.sql"), UNSAFE);
		SqlFile b = SqlFile.of(unique("b.sql"), UNSAFE);
		SqlFile c = SqlFile.of(unique("c.sql"), UNSAFE);
		AtomicInteger audits = new AtomicInteger();
		for (SqlFile f : List.of(a, b, a, c, a, b)) {
			cache.get(f, false, () -> {
				audits.incrementAndGet();
				return FileAudit.up(SqlScript.parse(f.location(), f.text()));
			});
		}

		assertThat(cache.size()).isEqualTo(2);
		assertThat(audits).as("a stays (recently used); b is dropped for c, then audited again").hasValue(4);
	}

	@Test
	void aFileWithMoreFindingsThanTheCapacityIsAuditedButNotKept() {
		AuditCache<List<Finding>> cache = AuditCache.ofFindings(2);
		SqlFile file = SqlFile.of(unique("up.sql"), UNSAFE);

		List<Finding> findings = cache.get(file, false, () -> FileAudit.up(SqlScript.parse(file.location(), file.text())));

		assertThat(findings).hasSize(2);
		assertThat(cache.size()).isZero();
	}

	@Test
	void twentyThousandWaivedStatementsAreEachWaivedByTheirOwnComment() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 20_000; i++) {
			text.append("-- replaysafe:allow create-without-if-not-exists reason ").append(i).append('\n')
				.append("CREATE TABLE t").append(i).append(" (id INT);\n");
		}

		List<Finding> findings = Audit.up(SqlFile.of(unique("many.sql"), text.toString()));

		assertThat(findings).hasSize(20_000).allMatch(Finding::isWaived);
		assertThat(findings.get(12_345).waived()).isEqualTo("reason 12345");
		assertThat(findings.get(12_345).line()).isEqualTo(2 * 12_345 + 2);
	}

	@Test
	void aLaterWaiverOfTheSameRuleAndStatementGivesTheReasonAndBothCountAsUsed() {
		String text = "-- replaysafe:allow create-without-if-not-exists first\n"
				+ "-- replaysafe:allow create-without-if-not-exists second\nCREATE TABLE t (id INT);\n"
				+ "CREATE TABLE u (id INT); -- replaysafe:allow rename nothing to rename\n";

		List<Finding> findings = Audit.up(SqlFile.of(unique("twice.sql"), text));

		assertThat(findings).extracting(Finding::rule, Finding::line, Finding::waived).containsExactly(
				org.assertj.core.groups.Tuple.tuple("create-without-if-not-exists", 3, "second"),
				org.assertj.core.groups.Tuple.tuple("create-without-if-not-exists", 4, null),
				org.assertj.core.groups.Tuple.tuple("unused-waiver", 4, null));
	}

	@EachDatabase
	void aRunsAuditOfItsPendingFilesIsWhatTheAuditOfAllFilesReadsLater(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "-- replaysafe:allow create-without-if-not-exists created once\n"
					+ "CREATE TABLE b (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS b;");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).build();
		migrator.migrate();
		long lexed = SqlScript.filesLexed();

		List<Finding> findings = migrator.audit();

		assertThat(SqlScript.filesLexed()).as("files lexed by audit() after the run").isEqualTo(lexed);
		assertThat(findings).extracting(Finding::rule, Finding::waived)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("create-without-if-not-exists", "created once"));
		assertThat(migrator.audit()).isEqualTo(findings);
		assertThat(SqlScript.filesLexed()).isEqualTo(lexed);
	}

	@EachDatabase
	void aBigFileIsAppliedStatementByStatementAndAuditedTheSame(Db db) {
		StringBuilder up = new StringBuilder("CREATE TABLE IF NOT EXISTS big (id INT PRIMARY KEY, v TEXT);\n");
		for (int i = 0; i < 2_000; i++) {
			up.append("INSERT INTO big (id, v) VALUES (").append(i).append(", 'x;").append(i)
				.append("') ON CONFLICT DO NOTHING;\n");
		}
		MigrationDir dir = MigrationDir.create().migration("0001_big", up.toString(), "DROP TABLE IF EXISTS big;");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).build();

		migrator.migrate();

		assertThat(db.queryLong("SELECT COUNT(*) FROM big")).isEqualTo(2000);
		assertThat(migrator.audit()).isEmpty();
	}

	/** A location no other test uses: the cache is the process's. */
	private static String unique(String name) {
		return "cache-test/" + System.nanoTime() + "/" + name;
	}
}
