package dev.replaysafe.bench.accuracy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.replaysafe.bench.accuracy.AuditAccuracy.Measured;
import dev.replaysafe.bench.accuracy.Corpus.Database;
import dev.replaysafe.bench.accuracy.DynamicTruth.Outcome;
import dev.replaysafe.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accuracy harness on a tiny hand-written set (the real corpus is measured only by
 * scripts/audit-accuracy): psql and sqlite3 classify each replay, the audit's verdict is read from its
 * replay rules, and the figures follow; no network needed.
 */
class AuditAccuracyTest {

	@TempDir
	static Path work;

	/** Each database's measurement, taken once for the tests that read it. */
	private static final Map<Database, List<Measured>> MEASURED = new EnumMap<>(Database.class);

	/** name, SQL, expected truth, whether the audit flags it. */
	private record Case(String name, String sql, Outcome truth, boolean flagged) {
	}

	private static List<Case> cases(Database database) {
		List<Case> cases = new ArrayList<>(List.of(
				new Case("0001_prices.sql", "CREATE TABLE prices (id INT PRIMARY KEY, amount INT);", Outcome.ERROR, true),
				new Case("0002_notes.sql", "CREATE TABLE IF NOT EXISTS notes (body TEXT);", Outcome.SAFE, false),
				new Case("0003_guarded_insert.sql",
						"INSERT INTO notes (body) SELECT 'hello' WHERE NOT EXISTS (SELECT 1 FROM notes);", Outcome.SAFE, false),
				new Case("0004_upsert.sql", "INSERT INTO prices (id, amount) VALUES (1, 5) ON CONFLICT DO NOTHING;", Outcome.SAFE,
						false),
				new Case("0005_cents.sql", "UPDATE prices SET amount = amount * 100 WHERE amount IS NOT NULL;", Outcome.CHANGES,
						false),
				new Case("0006_broken.sql", "CREATE TABLE copy AS SELECT * FROM missing;", Outcome.EXCLUDED, true),
				new Case("0007_duplicate.sql", "INSERT INTO notes (body) VALUES ('again');", Outcome.CHANGES, true),
				new Case("0008_own_transaction.sql", "BEGIN;\nCREATE TABLE IF NOT EXISTS tags (name TEXT);\nCOMMIT;\n",
						Outcome.SAFE, false)));
		if (database == Database.POSTGRESQL) {
			cases.add(new Case("0009_concurrently.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_body ON notes (body);",
					Outcome.SAFE, false));
		}
		return cases;
	}

	private static synchronized List<Measured> measure(Database database) throws Exception {
		if (MEASURED.containsKey(database)) {
			return MEASURED.get(database);
		}
		List<Case> cases = cases(database);
		MEASURED.put(database, AuditAccuracy.measure("tiny", database, cases.stream().map(Case::name).toList(),
				cases.stream().map(Case::sql).toList(), work, database == Database.POSTGRESQL ? PostgresServer.url() : null, null));
		return MEASURED.get(database);
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void eachReplayIsClassifiedByTheReferenceClientAndEachFileByTheAuditsReplayRules(Database database) throws Exception {
		List<Measured> measured = measure(database);
		List<Case> cases = cases(database);
		assertThat(measured).extracting(m -> m.truth().outcome()).containsExactlyElementsOf(cases.stream().map(Case::truth).toList());
		assertThat(measured).extracting(m -> m.audit().flagged()).containsExactlyElementsOf(cases.stream().map(Case::flagged).toList());
		assertThat(measured.get(0).truth().detail()).contains("prices").contains("already exists");
		assertThat(measured.get(4).truth().lostRows()).as("an UPDATE rewrote a row").isTrue();
		assertThat(measured.get(6).truth().lostRows()).as("an INSERT only adds").isFalse();
		assertThat(measured.get(6).truth().detail()).contains("+1/-0 rows");
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void theReportCountsExcludedFilesApartAndGivesAccuracyPrecisionAndRecallWithTheMissByClass(Database database) throws Exception {
		List<Measured> measured = measure(database);
		Measured update = measured.get(4);
		assertThat(AuditAccuracy.missClass(update.truth())).isEqualTo("replay changes: rows removed or rewritten");
		assertThat(AuditAccuracy.missCause(update)).isEqualTo("a data change no rule sees");

		Tally tally = new Tally();
		measured.stream().filter(Measured::measured).forEach(m -> tally.add(m.audit().flagged(), m.truth().outcome().notSafe()));
		int measuredFiles = cases(database).size() - 1;
		assertThat(tally.total()).isEqualTo(measuredFiles);
		assertThat(tally.truePositives).isEqualTo(2);
		assertThat(tally.falseNegatives).isEqualTo(1);
		assertThat(tally.falsePositives).isZero();
		assertThat(tally.precision()).isEqualTo(1.0);
		assertThat(tally.recall()).isEqualTo(2.0 / 3);
		assertThat(tally.accuracy()).isEqualTo((measuredFiles - 1.0) / measuredFiles);

		Corpus.Set set = new Corpus.Set("tiny", "example/tiny", "0".repeat(40), database, "migrations", Corpus::flat);
		String report = AuditAccuracy.report(List.of(set), measured, false, Duration.ZERO);
		assertThat(report).contains("| tiny | [example/tiny @ 000000000000]")
			.contains("| " + (measuredFiles + 1) + " | 1 | " + measuredFiles + " | ")
			.contains(Tally.percent(tally.accuracy()) + " | 100.0 % | 66.7 % | 2 | 0 | 1 | 0 | 1 |")
			.contains("**a data change no rule sees** (1)")
			.contains("`tiny/0005_cents.sql`");
	}

	@Test
	void theRuleMappingCountsOnlyReplayRulesAsReplayVerdicts() {
		assertThat(Verdicts.replayRule("create-without-if-not-exists")).isTrue();
		assertThat(Verdicts.replayRule("add-constraint-without-guard")).isTrue();
		assertThat(Verdicts.replayRule("postgres-only-syntax")).isFalse();
		assertThat(Verdicts.replayRule("update-without-where")).as("review only").isFalse();
		assertThat(Verdicts.replayRule("transaction-control")).isFalse();
		assertThat(Verdicts.audit("x.sql", "CREATE OR REPLACE FUNCTION f() RETURNS int AS 'SELECT 1' LANGUAGE sql;").flagged())
			.as("a portability finding is no replay verdict").isFalse();
	}

	@Test
	void squawksJsonReportIsReadPerFile() {
		Path a = Path.of("a.sql").toAbsolutePath();
		Path b = Path.of("b.sql").toAbsolutePath();
		Map<Path, Set<String>> rules = new HashMap<>(Map.of(a, new LinkedHashSet<>(), b, new LinkedHashSet<>()));
		Verdicts.collect("[{\"file\":\"" + a + "\",\"line\":0,\"column\":0,\"level\":\"Warning\",\"message\":\"Missing `IF NOT "
				+ "EXISTS`\",\"help\":null,\"rule_name\":\"prefer-robust-stmts\",\"column_end\":24,\"line_end\":0},{\"file\":\"" + b
				+ "\",\"line\":0,\"column\":19,\"level\":\"Warning\",\"message\":\"int\",\"help\":\"x\",\"rule_name\":"
				+ "\"prefer-bigint-over-int\",\"column_end\":22,\"line_end\":0}]", rules);
		assertThat(rules.get(a)).containsExactly("prefer-robust-stmts");
		assertThat(rules.get(b)).containsExactly("prefer-bigint-over-int");
	}

	@Test
	void layoutsPickTheUpFilesInTheToolsOrder() {
		assertThat(Corpus.diesel(List.of("2020-02_b/up.sql", "2020-02_b/down.sql", "2019-01_a/up.sql", "README.md")))
			.containsExactly("2019-01_a/up.sql", "2020-02_b/up.sql");
		assertThat(Corpus.flat(List.of("V0002.B.up.sql", "V0002.B.down.sql", "V0001.A.up.sql", "sub/x.sql")))
			.containsExactly("V0001.A.up.sql", "V0002.B.up.sql");
		assertThat(Corpus.synapse(List.of("common/schema_version.sql", "main/full_schemas/72/full.sql.postgres",
				"main/full_schemas/72/full.sql.sqlite", "main/delta/72/old.sql", "main/delta/74/01_b.sql",
				"state/delta/73/02_a.sql.postgres", "main/delta/73/01_c.sql.sqlite", "main/delta/73/03_d.py"), "postgres"))
			.containsExactly("common/schema_version.sql", "main/full_schemas/72/full.sql.postgres", "state/delta/73/02_a.sql.postgres",
					"main/delta/74/01_b.sql");
	}
}
