package dev.replaysafe.bench.accuracy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.replaysafe.bench.accuracy.Corpus.Database;
import dev.replaysafe.bench.accuracy.DynamicTruth.Outcome;
import dev.replaysafe.bench.accuracy.FixAccuracy.Down;
import dev.replaysafe.bench.accuracy.FixAccuracy.DownOutcome;
import dev.replaysafe.bench.accuracy.FixAccuracy.Measured;
import dev.replaysafe.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fix measurement on a tiny hand-written set (the real corpus is measured only by
 * {@code scripts/audit-accuracy --fix}): each up's truth before and after the fix, and each written down
 * applied after its fixed up and compared with the state before it, with psql and sqlite3; no network needed.
 */
class FixAccuracyTest {

	@TempDir
	static Path work;

	private static final Map<Database, List<Measured>> MEASURED = new EnumMap<>(Database.class);

	/** name, SQL, truth before the fix, truth after, what became of the written down. */
	private record Case(String name, String sql, Outcome before, Outcome after, DownOutcome down) {
	}

	private static final List<Case> CASES = List.of(
			new Case("0001_prices.sql", "CREATE TABLE prices (id INT PRIMARY KEY, amount INT);", Outcome.ERROR, Outcome.SAFE,
					DownOutcome.EQUAL),
			new Case("0002_seed.sql", "INSERT INTO prices (id, amount) VALUES (1, 5);", Outcome.ERROR, Outcome.SAFE,
					DownOutcome.NOT_WRITTEN),
			// The written down drops a table the up did not create: the down does not return to the state before.
			new Case("0003_again.sql", "CREATE TABLE IF NOT EXISTS prices (id INT PRIMARY KEY, amount INT);", Outcome.SAFE,
					Outcome.SAFE, DownOutcome.DIFFERS),
			new Case("0004_cents.sql", "UPDATE prices SET amount = amount * 100 WHERE amount IS NOT NULL;", Outcome.CHANGES,
					Outcome.CHANGES, DownOutcome.NOT_WRITTEN),
			new Case("0005_scratch.sql", "CREATE TABLE scratch (x INT);", Outcome.CHANGES, Outcome.CHANGES, DownOutcome.EQUAL),
			new Case("0006_drop_scratch.sql", "DROP TABLE scratch;", Outcome.ERROR, Outcome.SAFE, DownOutcome.NOT_WRITTEN),
			new Case("0007_index.sql", "CREATE INDEX prices_amount ON prices (amount);", Outcome.ERROR, Outcome.SAFE,
					DownOutcome.EQUAL),
			// authelia has an empty up: it is applied and measured like any other.
			new Case("0008_empty.sql", "", Outcome.SAFE, Outcome.SAFE, DownOutcome.NOT_WRITTEN));

	private static synchronized List<Measured> measure(Database database) throws Exception {
		if (!MEASURED.containsKey(database)) {
			MEASURED.put(database, FixAccuracy.measure("tiny", database, CASES.stream().map(Case::name).toList(),
					CASES.stream().map(Case::sql).toList(), work, database == Database.POSTGRESQL ? PostgresServer.url() : null, 0));
		}
		return MEASURED.get(database);
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void eachUpIsClassifiedBeforeAndAfterTheFixAndEachWrittenDownAgainstTheStateBeforeItsUp(Database database) throws Exception {
		List<Measured> measured = measure(database);
		assertThat(measured).extracting(m -> m.before().outcome()).containsExactlyElementsOf(CASES.stream().map(Case::before).toList());
		assertThat(measured).extracting(m -> m.after().outcome()).containsExactlyElementsOf(CASES.stream().map(Case::after).toList());
		assertThat(measured).extracting(m -> m.down().outcome()).containsExactlyElementsOf(CASES.stream().map(Case::down).toList());
		assertThat(measured).extracting(Measured::broken).containsOnly(false);
		assertThat(measured.get(0).fixedText()).containsIgnoringCase("IF NOT EXISTS");
		assertThat(measured.get(2).down().detail()).contains("prices").contains("dropped");
	}

	@ParameterizedTest
	@EnumSource(Database.class)
	void whatStaysUnsafeIsClassedAsADataChangeOrACrossFileEffectAndTheReportGivesTheShares(Database database) throws Exception {
		List<Measured> measured = measure(database);
		assertThat(FixAccuracy.remainingCause(measured.get(3))).startsWith("data change");
		assertThat(FixAccuracy.remainingCause(measured.get(4))).isEqualTo("cross-file: the replay re-creates what a later file dropped");
		assertThat(FixAccuracy.downClass(measured.get(2))).contains("dropped");

		Corpus.Set set = new Corpus.Set("tiny", "example/tiny", "0".repeat(40), database, "migrations", Corpus::flat);
		String report = FixAccuracy.report(List.of(set), measured, 0, Duration.ZERO);
		String db = database == Database.POSTGRESQL ? "PostgreSQL" : "SQLite";
		assertThat(report).contains("| tiny | " + db + " | 8 | 5 | 8 | 2 (25.0 %) | 8 | 6 (75.0 %) | 6 (75.0 %) | 0 |")
			.contains("| " + db + " | 8 | 4 | 0 | 0 | 0 | 3 (75.0 %) | 1 | 0 |")
			.contains("**data change: the replay adds or rewrites rows")
			.contains("`tiny/0004_cents.sql`")
			.contains("### Files the fix broke\n\nApplied in the original set");
	}

	@Test
	void aFileThatAppliedBeforeTheFixButNotAfterIsListedAsBrokenWithItsStatement() {
		DynamicTruth.Result safe = new DynamicTruth.Result(Outcome.SAFE, "", 0, false);
		DynamicTruth.Result failed = new DynamicTruth.Result(Outcome.EXCLUDED, "near \"EXISTS\": syntax error", 2, false);
		Measured broken = new Measured("tiny", Database.SQLITE, "0002_note.sql", "-- a note\nALTER TABLE t ADD COLUMN IF NOT EXISTS\n  note TEXT;\n",
				true, List.of(), safe, failed, new Down(DownOutcome.UP_FAILED, ""));
		Measured excludedBoth = new Measured("tiny", Database.SQLITE, "0003_x.sql", "SELECT 1;", false, List.of(), failed, failed,
				new Down(DownOutcome.NOT_WRITTEN, ""));
		assertThat(broken.broken()).isTrue();
		assertThat(excludedBoth.broken()).as("failed before the fix too").isFalse();

		Corpus.Set set = new Corpus.Set("tiny", "example/tiny", "0".repeat(40), Database.SQLITE, "migrations", Corpus::flat);
		String report = FixAccuracy.report(List.of(set), new ArrayList<>(List.of(broken, excludedBoth)), 0, Duration.ZERO);
		assertThat(report).contains("- `tiny/0002_note.sql` line 2: near \"EXISTS\": syntax error — "
				+ "`ALTER TABLE t ADD COLUMN IF NOT EXISTS note TEXT;`");
	}

	@Test
	void theStatementOfAnErrorLineIsFoundWhetherTheClientNamesItsFirstOrItsLastLine() {
		String text = "CREATE TABLE a (x INT);\n-- why\nALTER TABLE a\n  ADD CONSTRAINT c CHECK (x > 0);\nCREATE TRIGGER t;\n";
		assertThat(FixAccuracy.statementAt(text, 3)).isEqualTo("ALTER TABLE a ADD CONSTRAINT c CHECK (x > 0);");
		assertThat(FixAccuracy.statementAt(text, 4)).isEqualTo("ALTER TABLE a ADD CONSTRAINT c CHECK (x > 0);");
		assertThat(FixAccuracy.kind(FixAccuracy.statementAt(text, 4))).isEqualTo("ALTER TABLE … ADD CONSTRAINT");
		assertThat(FixAccuracy.kind("create trigger t after insert on a")).isEqualTo("CREATE TRIGGER");
		assertThat(FixAccuracy.kind("DO $$ BEGIN END $$")).isEqualTo("DO");
	}

	@Test
	void onlyTheSampledWrittenDownsAreTriedEvenlySpread() {
		List<String> downs = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			downs.add(i % 2 == 0 ? "DROP TABLE IF EXISTS t" + i + ";" : null);
		}
		List<String> sampled = FixAccuracy.sample(downs, 2);
		assertThat(sampled.stream().filter(d -> d != null && !d.isEmpty())).containsExactly("DROP TABLE IF EXISTS t0;",
				"DROP TABLE IF EXISTS t4;");
		assertThat(sampled.stream().filter(d -> d == null)).hasSize(5);
		assertThat(FixAccuracy.sample(downs, 0)).isEqualTo(downs);
	}
}
