package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The audit's {@code rename} fix, written out as migrations and proved by the verifier with rows,
 * under the audit (its default mode, FAIL).
 */
class VerifierRenameRecipeTest {

	private static final String BOOKS = "CREATE TABLE IF NOT EXISTS books (id INT NOT NULL PRIMARY KEY, title VARCHAR(50));";

	private static final MigrationDir ROWS = MigrationDir.create()
		.file("0001_books.sql", "INSERT INTO books (id, title) VALUES (1, 'Dune'), (2, NULL) ON CONFLICT DO NOTHING;");

	private static Verifier verifier(Db db, MigrationDir dir) {
		return Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location()).build()).fixtures(ROWS.location());
	}

	@EachDatabase
	void aBackfillFromAColumnThatALaterMigrationDropsCannotRunAgain(Db db) {
		// Why the old recipe failed: its second run comes after the later migration dropped the column it reads.
		MigrationDir dir = MigrationDir.create()
			.migration("0001_books", BOOKS, "DROP TABLE IF EXISTS books;")
			.migration("0002_add_name", "ALTER TABLE books ADD COLUMN IF NOT EXISTS name VARCHAR(50);\n"
					+ "UPDATE books SET name = title WHERE name IS NULL AND title IS NOT NULL;",
					"ALTER TABLE books DROP COLUMN IF EXISTS name;")
			.migration("0003_drop_title", "ALTER TABLE books DROP COLUMN IF EXISTS title;",
					"ALTER TABLE books ADD COLUMN IF NOT EXISTS title VARCHAR(50);");

		VerificationReport report = verifier(db, dir).verifyReplay();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0002_add_name.sql");
			assertThat(p.summary()).isEqualTo("running it a second time failed");
			assertThat(p.details().get(0)).contains("0002_add_name.sql:2: ")
				.contains(db.kind() == TestDatabase.SQLITE ? "no such column: title" : "column \"title\" does not exist");
		});
	}

	/** Copy into a table with the new names, by position, so that a second run copies the renamed table as well. */
	private static final MigrationDir RECIPE = MigrationDir.create()
		.migration("0001_books", BOOKS, "DROP TABLE IF EXISTS books;")
		.migration("0002_rename_title_to_name",
				"CREATE TABLE IF NOT EXISTS books_new (id INT NOT NULL PRIMARY KEY, name VARCHAR(50));\n"
						+ "INSERT INTO books_new SELECT * FROM books WHERE true ON CONFLICT DO NOTHING;\n"
						+ "DROP TABLE IF EXISTS books;\n"
						+ "-- replaysafe:allow rename books_new takes the old name; a second run creates it again first\n"
						+ "ALTER TABLE books_new RENAME TO books;",
				"CREATE TABLE IF NOT EXISTS books_old (id INT NOT NULL PRIMARY KEY, title VARCHAR(50));\n"
						+ "INSERT INTO books_old SELECT * FROM books WHERE true ON CONFLICT DO NOTHING;\n"
						+ "DROP TABLE IF EXISTS books;\n"
						+ "-- replaysafe:allow rename books_old takes the old name; a second run creates it again first\n"
						+ "ALTER TABLE books_old RENAME TO books;");

	@EachDatabase
	void theRecipeRenamesAColumnReplaySafelyAndReversiblyWithItsRows(Db db) {
		VerificationReport replay = verifier(db, RECIPE).verifyReplay();

		assertThat(replay.passed()).as(replay.text()).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM books WHERE name = 'Dune'")).isEqualTo(1);
		try (Db other = db.kind().create()) {
			VerificationReport down = verifier(other, RECIPE).verifyDownRoundTrip();
			assertThat(down.passed()).as(down.text()).isTrue();
		}
	}

	@EachDatabase
	void aRenamedTableComesBackOnAReplayOfTheFileThatCreatedIt(Db db) {
		// Even copied into the new table and dropped with guards, the old table is what 0001 creates again.
		MigrationDir dir = MigrationDir.create()
			.migration("0001_books", BOOKS, "DROP TABLE IF EXISTS books;")
			.migration("0002_rename_books_to_volumes",
					"CREATE TABLE IF NOT EXISTS volumes (id INT NOT NULL PRIMARY KEY, title VARCHAR(50));\n" + BOOKS
							+ "\nINSERT INTO volumes SELECT * FROM books WHERE true ON CONFLICT DO NOTHING;\n"
							+ "DROP TABLE IF EXISTS books;",
					"DROP TABLE IF EXISTS volumes;");

		// The audit across files says so before anything runs, naming both files; the verifier proves it.
		assertThat(Audit.of(Migration.load(List.of(dir.location()), getClass().getClassLoader())))
			.filteredOn(f -> f.rule().equals("replay-undoes-later-change")).singleElement().satisfies(f -> {
				assertThat(f.file()).endsWith("0001_books.sql");
				assertThat(f.message()).contains("re-creates table books, which 0002_rename_books_to_volumes.sql:");
			});
		VerificationReport report = Verifier.of(Migrator.builder(db.dataSource()).locations(dir.location())
			.audit(AuditMode.OFF).build()).fixtures(ROWS.location()).verifyReplay();

		assertThat(report.problems()).singleElement().satisfies(p -> {
			assertThat(p.file()).isEqualTo("0001_books.sql");
			assertThat(p.details()).singleElement().asString().startsWith("table books added");
		});
	}

	@EachDatabase
	void aViewGivesATableItsNewNameReplaySafelyAndReversibly(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_books", BOOKS, "DROP TABLE IF EXISTS books;")
			.migration("0002_volumes", "DROP VIEW IF EXISTS volumes;\nCREATE VIEW volumes AS SELECT id, title FROM books;",
					"DROP VIEW IF EXISTS volumes;");

		VerificationReport replay = verifier(db, dir).verifyReplay();

		assertThat(replay.passed()).as(replay.text()).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM volumes WHERE title = 'Dune'")).isEqualTo(1);
		try (Db other = db.kind().create()) {
			VerificationReport down = verifier(other, dir).verifyDownRoundTrip();
			assertThat(down.passed()).as(down.text()).isTrue();
		}
	}
}
