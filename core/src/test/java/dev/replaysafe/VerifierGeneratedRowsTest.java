package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/** Generated rows: the tables nobody wrote fixtures for get a few rows that fit their schema. */
class VerifierGeneratedRowsTest {

	private static Verifier verifier(Db db, MigrationDir dir) {
		return Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.OFF).build())
			.generateRows(true);
	}

	private static final MigrationDir CENTS = MigrationDir.create()
		.migration("0001_prices", "CREATE TABLE IF NOT EXISTS prices (id INT NOT NULL PRIMARY KEY, amount INT NOT NULL, "
				+ "note VARCHAR(2));", "DROP TABLE IF EXISTS prices;")
		.migration("0002_cents", "UPDATE prices SET amount = amount * 100 WHERE amount IS NOT NULL;",
				"UPDATE prices SET amount = amount / 100 WHERE amount IS NOT NULL;");

	@EachDatabase
	void aBackfillRunsOverGeneratedRowsSoItsSecondRunIsCaughtWithoutFixtures(Db db) {
		VerificationReport report = verifier(db, CENTS).verifyReplay();

		assertThat(report.checked()).contains("generated rows: prices 3");
		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_cents.sql");
			assertThat(p.details()).singleElement().asString().startsWith("table prices: 3 rows both times, but their "
					+ "values changed by the replay: ");
		});
		try (Db other = db.kind().create()) {
			VerificationReport without = Verifier.of(Migrator.builder(other.dataSource()).locations(CENTS.location())
				.audit(AuditMode.OFF).build()).verifyReplay();
			assertThat(without.passed()).as("without rows the UPDATE changes nothing").isTrue();
		}
	}

	@EachDatabase
	void fillsParentsFirstAndTakesForeignKeysFromTheirRowsAndTriesTheChecksOwnValues(Db db) {
		MigrationDir dir = MigrationDir.create()
			// Alphabetically child comes first: the generator must fill parent before it.
			.migration("0001_tables", "CREATE TABLE IF NOT EXISTS parent (id INT NOT NULL PRIMARY KEY, name VARCHAR(20) "
					+ "NOT NULL UNIQUE, created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);\n"
					+ "CREATE TABLE IF NOT EXISTS child (id INT NOT NULL PRIMARY KEY, parent_id INT NOT NULL "
					+ "REFERENCES parent (id), status VARCHAR(10) NOT NULL CHECK (status IN ('draft', 'done')));\n"
					+ "CREATE TABLE IF NOT EXISTS never (id INT NOT NULL, CHECK (id < 0 AND id > 0));",
					"DROP TABLE IF EXISTS child;\nDROP TABLE IF EXISTS parent;\nDROP TABLE IF EXISTS never;");

		VerificationReport report = verifier(db, dir).verifyReplay();

		assertThat(report.passed()).as(report.text()).isTrue();
		assertThat(report.checked()).contains("generated rows: parent 3, child 3; no generated row fits never (its CHECK "
				+ "constraints or types refused every try): give it a fixture");
		assertThat(db.queryLong("SELECT count(*) FROM child JOIN parent ON parent.id = child.parent_id")).isEqualTo(3);
		assertThat(db.queryLong("SELECT count(*) FROM child WHERE status IN ('draft', 'done')")).isEqualTo(3);
	}

	@EachDatabase
	void theReferenceSchemaReplaysOverGeneratedRowsAndTheyShowThatItsLegacyColumnDownCannotRestoreValues(Db db) {
		VerificationReport replay = Verifier.of(Migrator.builder(db.dataSource()).build()).generateRows(true).verifyReplay();
		assertThat(replay.passed()).as(replay.text()).isTrue();
		assertThat(replay.checked()).contains("generated rows: workspaces 3, users 3, documents 3, memberships 3, "
				+ "document_tags 3");
		try (Db other = db.kind().create()) {
			VerificationReport down = Verifier.of(Migrator.builder(other.dataSource()).build()).generateRows(true)
				.verifyDownRoundTrip();
			// Only the data loss: every other down keeps the generated rows, and the redo makes the same ones.
			assertThat(down.problems()).singleElement().satisfies(p -> {
				assertThat(p.file()).isEqualTo("0008_drop_document_legacy_ref.down.sql");
				assertThat(p.summary()).contains("data loss");
				assertThat(p.details()).singleElement().asString().startsWith("table documents: the values of column "
						+ "legacy_ref, dropped at db/migrations/0008_drop_document_legacy_ref.sql:1, are not back");
			});
			assertThat(down.checked()).contains("redo: every up applied again: the schema and rows equal the first run's");
		}
	}
}
