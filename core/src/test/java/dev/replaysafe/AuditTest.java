package dev.replaysafe;

import dev.replaysafe.internal.audit.FileAudit;
import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.internal.sql.SqlScript;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit's rules over a corpus: every file of {@code audit/bad} declares the exact findings it
 * must produce in {@code -- expect: <rule-id> <line>:<column>} comments; {@code audit/good} is a
 * migration set that must produce none (AuditMigratorTest runs it on both databases, twice).
 */
class AuditTest {

	private static final String EXPECT = "expect:";

	static Stream<String> badFiles() throws IOException, URISyntaxException {
		try (Stream<Path> files = Files.list(Path.of(AuditTest.class.getResource("/audit/bad").toURI()))) {
			return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
		}
	}

	private static SqlScript bad(String name) throws IOException, URISyntaxException {
		Path file = Path.of(AuditTest.class.getResource("/audit/bad/" + name).toURI());
		return SqlScript.parse(name, Files.readString(file, StandardCharsets.UTF_8));
	}

	private static List<Finding> audit(String name, SqlScript script) {
		return name.endsWith(".down.sql") ? FileAudit.down(script) : FileAudit.up(script);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badFiles")
	void eachBadFileHasExactlyTheFindingsItExpects(String name) throws Exception {
		SqlScript script = bad(name);
		List<String> expected = script.comments().stream()
			.filter(c -> c.text().startsWith(EXPECT))
			.map(c -> c.text().substring(EXPECT.length()).strip())
			.sorted()
			.toList();

		List<String> found = audit(name, script).stream()
			.map(f -> f.rule() + " " + f.line() + ":" + f.column())
			.sorted()
			.toList();

		assertThat(expected).as("the file declares its findings").isNotEmpty();
		assertThat(found).isEqualTo(expected);
	}

	@Test
	void everyRuleIsShownByABadFile() throws Exception {
		Set<String> expected = new java.util.HashSet<>();
		for (String name : badFiles().toList()) {
			bad(name).comments().stream()
				.filter(c -> c.text().startsWith(EXPECT))
				.forEach(c -> expected.add(c.text().substring(EXPECT.length()).strip().split(" ")[0]));
		}
		// data-loss is the verifier's finding (VerifierDownDataTest); the audit only accepts its waiver. The rules read
		// across files need a set, not a file: CrossFileAuditTest shows each.
		assertThat(expected).containsAll(Arrays.stream(Audit.Rule.values()).filter(rule -> rule != Audit.Rule.DATA_LOSS)
			.filter(rule -> !dev.replaysafe.internal.audit.CrossFileAudit.RULES.contains(rule)).map(Audit.Rule::id).toList());
	}

	@Test
	void theGoodCorpusHasNoFinding() {
		List<Migration> good = MigrationSource.load(List.of("classpath:audit/good"), getClass().getClassLoader());

		assertThat(good).hasSize(3);
		assertThat(Audit.of(good)).isEmpty();
	}

	@Test
	void everyReferenceMigrationUpAndDownAuditsClean() {
		List<Migration> reference = MigrationSource.load(List.of(Migrator.DEFAULT_LOCATION), getClass().getClassLoader());

		assertThat(reference).hasSize(9);
		assertThat(Audit.of(reference)).isEmpty();
	}

	@Test
	void aWaiverAboveAStatementAcceptsItsFindingAndKeepsItInTheReport() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", """
				CREATE TABLE IF NOT EXISTS a (id INT); DROP TRIGGER IF EXISTS a_audit;
				-- replaysafe:allow create-trigger the audit table is filled by the database on purpose
				CREATE TRIGGER a_audit AFTER INSERT ON a BEGIN SELECT 1; END;
				"""));

		assertThat(findings).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo("create-trigger");
			assertThat(f.line()).isEqualTo(3);
			assertThat(f.waived()).isEqualTo("the audit table is filled by the database on purpose");
			assertThat(f.blocks()).isFalse();
			assertThat(f.toString()).endsWith("(waived: the audit table is filled by the database on purpose)");
		});
	}

	@Test
	void aWaiverAtTheEndOfAStatementAcceptsThatStatementNotTheNext() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", """
				CREATE TABLE a (id INT); -- replaysafe:allow create-without-if-not-exists made by hand in 2019
				CREATE TABLE b (id INT);
				"""));

		assertThat(findings).extracting(f -> f.line() + " " + f.waived())
			.containsExactly("1 made by hand in 2019", "2 null");
	}

	@Test
	void aWaiverInsideAMultiLineStatementAcceptsIt() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", """
				INSERT INTO counter (n)
				  /* replaysafe:allow insert-without-conflict-guard counts every application */
				  VALUES (1);
				"""));

		assertThat(findings).singleElement().satisfies(f -> assertThat(f.isWaived()).isTrue());
	}

	@Test
	void oneWaiverAcceptsEveryFindingOfItsRuleInItsStatementOnly() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", """
				-- replaysafe:allow postgres-only-syntax this project runs on PostgreSQL only
				UPDATE t SET a = b::int, c = now() WHERE d ILIKE 'x%';
				UPDATE t SET a = b::int WHERE c IS NULL;
				"""));

		assertThat(findings).extracting(f -> f.line() + ":" + f.column() + " " + f.isWaived())
			.containsExactly("2:19 true", "2:30 true", "2:44 true", "3:19 false");
	}

	@Test
	void aCommentOnlyDownIsAcceptedWithAWaiverSayingWhy() {
		List<Finding> findings = FileAudit.down(SqlScript.parse("0001_x.down.sql",
				"-- replaysafe:allow empty-down the dropped column's data cannot be restored\n"));

		assertThat(findings).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo("empty-down");
			assertThat(f.waived()).isEqualTo("the dropped column's data cannot be restored");
		});
	}

	@Test
	void aNoTransactionDirectiveOnAnUpsFirstLineIsNoFinding() {
		assertThat(FileAudit.up(SqlScript.parse("0001_x.sql", "\uFEFF-- replaysafe:no-transaction\n"
				+ "CREATE INDEX IF NOT EXISTS ix ON t (x);"))).isEmpty();
	}

	@Test
	void anUpWithOnlyCommentsIsNoFinding() {
		assertThat(FileAudit.up(SqlScript.parse("0001_x.sql", "-- nothing yet\n"))).isEmpty();
	}

	@Test
	void sqlInsideDollarQuotesStringsAndCommentsIsNotAudited() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", """
				DO $body$ BEGIN CREATE TABLE x (id SERIAL); INSERT INTO x VALUES (now()); END $body$;
				INSERT INTO notes (id, body) VALUES ('1', 'DROP TABLE x; datetime(''now'')') ON CONFLICT DO NOTHING;
				-- ALTER TABLE x RENAME TO y;
				"""));

		assertThat(findings).extracting(Finding::rule).containsExactly("postgres-only-syntax");
	}

	@Test
	void typesNamedLikeSqliteFunctionsAreNotCalls() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", """
				CREATE TABLE IF NOT EXISTS t (d DATE, "t" TIME(3), serial VARCHAR(9), x VARCHAR(9) DEFAULT 'date(');
				ALTER TABLE t ADD COLUMN IF NOT EXISTS at TIME(6);
				UPDATE t SET d = CAST(x AS DATE), x = CAST(x AS time(0)) WHERE d IS NULL;
				UPDATE t SET x = 'y' WHERE d < date('now') OR (SELECT time(x)) IS NULL;
				"""));

		assertThat(findings).extracting(f -> f.rule() + " " + f.line() + ":" + f.column())
			.containsExactly("sqlite-only-function 4:32", "sqlite-only-function 4:55");
	}

	@Test
	void aFindingReadsAsFileLineColumnRuleMessageAndFix() {
		Finding finding = FileAudit.up(SqlScript.parse("db/migrations/0001_x.sql", "\n  DROP TABLE notes;")).get(0);

		assertThat(finding).hasToString("db/migrations/0001_x.sql:2:3 [drop-without-if-exists] DROP TABLE without "
				+ "IF EXISTS fails when the file runs again (or a down that failed half way is run again). "
				+ "Fix: DROP TABLE IF EXISTS notes");
		assertThat(finding.severity()).isEqualTo(Finding.Severity.ERROR);
		assertThat(finding.blocks()).isTrue();
	}

	@Test
	void updateAndDeleteWithoutWhereAreWarningsThatNeverBlock() {
		List<Finding> findings = FileAudit.up(SqlScript.parse("0001_x.sql", "UPDATE t SET a = 1;\nDELETE FROM t;"));

		assertThat(findings).hasSize(2).allSatisfy(f -> {
			assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
			assertThat(f.blocks()).isFalse();
			assertThat(f.toString()).endsWith("(warning: review only)");
		});
	}

	@Test
	void theReportListsEachFindingAndCountsThem() {
		List<Finding> findings = new ArrayList<>(FileAudit.up(SqlScript.parse("0001_x.sql", """
				CREATE TABLE a (id INT);
				DELETE FROM a;
				-- replaysafe:allow drop-without-if-exists the table must exist here
				DROP TABLE a;
				""")));

		assertThat(Audit.report(findings)).isEqualTo("""
				0001_x.sql:1:1 [create-without-if-not-exists] CREATE TABLE without IF NOT EXISTS fails when the file \
				runs again. Fix: CREATE TABLE IF NOT EXISTS a ...
				0001_x.sql:2:1 [delete-without-where] DELETE without WHERE empties the table; review that this is \
				meant. Fix: delete only the rows meant: DELETE FROM t WHERE ... (warning: review only)
				0001_x.sql:4:1 [drop-without-if-exists] DROP TABLE without IF EXISTS fails when the file runs again \
				(or a down that failed half way is run again). Fix: DROP TABLE IF EXISTS a (waived: the table must \
				exist here)
				1 error(s), 1 warning(s), 1 waived""");
	}

	@Test
	void ruleIdsAreStableKebabCaseAndEachIsDocumentedInTheReadme() throws IOException {
		String readme = Files.readString(Path.of("../README.md"));
		String section = readme.substring(readme.indexOf("## The audit"));
		for (Audit.Rule rule : Audit.Rule.values()) {
			assertThat(rule.id()).matches("[a-z]+(-[a-z]+)*");
			assertThat(Audit.Rule.byId(rule.id())).isSameAs(rule);
			assertThat(section).contains("`" + rule.id() + "`");
		}
		assertThat(Arrays.stream(Audit.Rule.values()).map(Audit.Rule::id).collect(Collectors.toSet()))
			.hasSize(Audit.Rule.values().length);
	}
}
