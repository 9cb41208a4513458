package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.replaysafe.AutoFix.Change;
import dev.replaysafe.AutoFix.FileFix;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * {@code replaysafe fix}'s engine: each rewrite exactly, and a whole unsafe set that, fixed, passes
 * the audit and the verifier (replay and down round trip) on each database.
 */
class AutoFixTest {

	private static List<FileFix> fix(MigrationDir dir) {
		return AutoFix.of(Migration.load(List.of(dir.location()), AutoFixTest.class.getClassLoader()));
	}

	private static String fixedUp(String up) {
		return fix(MigrationDir.create().migration("0001_x", up, "SELECT 1;")).get(0).fixed();
	}

	@Test
	void guardsCreatesAndDropsInPlaceKeepingCommentsAndLayout() {
		assertThat(fixedUp("-- the table\nCREATE TABLE t (id INT PRIMARY KEY);\ncreate unique index ix on t (id);\n"
				+ "DROP INDEX old_ix;\nDROP TABLE  \"Old\";\n"))
			.isEqualTo("-- the table\nCREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY);\n"
					+ "create unique index IF NOT EXISTS ix on t (id);\nDROP INDEX IF EXISTS old_ix;\n"
					+ "DROP TABLE  IF EXISTS \"Old\";\n");
	}

	@Test
	void leavesGuardedStatementsAlone() {
		String safe = "CREATE TABLE IF NOT EXISTS t (id INT);\nDROP TABLE IF EXISTS u;\n"
				+ "ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT;\nCREATE OR REPLACE VIEW v AS SELECT 1;\n";
		assertThat(fixedUp(safe)).isEqualTo(safe);
	}

	@Test
	void guardsColumnChangesButNotConstraints() {
		assertThat(fixedUp("ALTER TABLE t ADD COLUMN c INT;\nALTER TABLE t ADD d INT;\nALTER TABLE t DROP COLUMN e;\n"
				+ "ALTER TABLE t ADD CONSTRAINT k UNIQUE (c);\n"))
			.isEqualTo("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT;\nALTER TABLE t ADD COLUMN IF NOT EXISTS d INT;\n"
					+ "ALTER TABLE t DROP COLUMN IF EXISTS e;\nALTER TABLE t ADD CONSTRAINT k UNIQUE (c);\n");
	}

	@Test
	void recreatesAViewAndReplacesAFunction() {
		assertThat(fixedUp("CREATE VIEW v AS SELECT 1 AS one;\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ "
				+ "LANGUAGE sql;\n"))
			.isEqualTo("DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT 1 AS one;\nCREATE OR REPLACE FUNCTION f() "
					+ "RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;\n");
	}

	@Test
	void guardsAnInsertOnlyWhereTheTableHasAKey() {
		List<FileFix> fixes = fix(MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS "
					+ "log (msg TEXT);", "DROP TABLE IF EXISTS log;\nDROP TABLE IF EXISTS t;")
			.migration("0002_seed", "INSERT INTO t (id) VALUES (1), (2) RETURNING id;\nINSERT INTO log (msg) "
					+ "VALUES ('x');", "DELETE FROM t WHERE id IN (1, 2);"));

		FileFix seed = fixes.get(2);
		assertThat(seed.fixed()).isEqualTo("INSERT INTO t (id) VALUES (1), (2) ON CONFLICT DO NOTHING RETURNING id;\n"
				+ "INSERT INTO log (msg) VALUES ('x');");
		assertThat(seed.changes()).extracting(Change::fixed).containsExactly(true, false);
		assertThat(seed.changes().get(1).toString()).startsWith(seed.location() + ":2: not fixed: INSERT INTO log: "
				+ "the table has no primary key or unique constraint");
		assertThat(seed.remaining()).extracting(Finding::rule).containsExactly("insert-without-conflict-guard");
	}

	@Test
	void writesAnEmptyDownAsTheInverseOfItsUpNewestFirst() {
		List<FileFix> fixes = fix(MigrationDir.create()
			.migration("0001_t", "CREATE TABLE t (id INT PRIMARY KEY);\nCREATE INDEX ix_t ON t (id);\n"
					+ "ALTER TABLE t ADD COLUMN note TEXT;\nINSERT INTO t (id) VALUES (1);\nUPDATE t SET note = 'x' "
					+ "WHERE note IS NULL;", "-- nothing yet\n"));

		FileFix down = fixes.get(1);
		assertThat(down.fixed()).isEqualTo("-- nothing yet\n-- replaysafe fix: cannot undo line 5 (UPDATE T SET): "
				+ "write its inverse\nALTER TABLE t DROP COLUMN IF EXISTS note;\nDROP INDEX IF EXISTS ix_t;\n"
				+ "DROP TABLE IF EXISTS t;\n");
		assertThat(down.changes()).extracting(Change::fixed).containsExactly(false, true, true, true);
		assertThat(down.changes().get(1).description()).isEqualTo("down: ALTER TABLE t DROP COLUMN IF EXISTS note; "
				+ "(undoes 0001_t.sql:3)");
		assertThat(down.remaining()).isEmpty();
	}

	@Test
	void namesAStatementItCannotUndoOnOneCommentLineEvenWithAMultiLineBody() {
		FileFix down = fix(MigrationDir.create().migration("0001_x", "CREATE TABLE t (id INT PRIMARY KEY);\n"
				+ "DO $$\nBEGIN\n  PERFORM 1;\nEND $$;", "-- none\n")).get(1);

		assertThat(down.fixed()).isEqualTo("-- none\n-- replaysafe fix: cannot undo line 2 (DO ...): write its inverse\n"
				+ "DROP TABLE IF EXISTS t;\n");
	}

	@Test
	void leavesADownWithNothingToInvertAsItWasAndSaysWhy() {
		FileFix down = fix(MigrationDir.create().migration("0001_x", "UPDATE t SET a = 1 WHERE a IS NULL;", "-- none\n"))
			.get(1);
		assertThat(down.changed()).isFalse();
		assertThat(down.changes()).singleElement().satisfies(c -> assertThat(c.fixed()).isFalse());
		assertThat(down.remaining()).extracting(Finding::rule).containsExactly("empty-down");
	}

	@EachDatabase
	void aFixedSetPassesTheAuditAndTheVerifierOnEachDatabase(Db db) {
		MigrationDir unsafe = MigrationDir.create()
			.migration("0001_users", "CREATE TABLE users (id VARCHAR(36) PRIMARY KEY, name VARCHAR(50) NOT NULL);\n"
					+ "CREATE UNIQUE INDEX ux_users_name ON users (name);", "-- to do\n")
			.migration("0002_seed", "INSERT INTO users (id, name) VALUES ('u1', 'ada');",
					"DELETE FROM users WHERE id = 'u1';")
			.migration("0003_email", "ALTER TABLE users ADD COLUMN email VARCHAR(100);\n"
					+ "CREATE VIEW named_users AS SELECT id, name FROM users;", "-- to do\n")
			.migration("0004_legacy", "CREATE TABLE legacy (id INT PRIMARY KEY);\nDROP TABLE legacy;",
					"CREATE TABLE legacy (id INT PRIMARY KEY);\nDROP TABLE legacy;");
		assertThat(Audit.of(Migration.load(List.of(unsafe.location()), getClass().getClassLoader())))
			.filteredOn(Finding::blocks)
			.hasSizeGreaterThanOrEqualTo(6);

		MigrationDir fixed = MigrationDir.create();
		for (FileFix f : fix(unsafe)) {
			fixed.file(f.location().substring(f.location().lastIndexOf('/') + 1), f.fixed());
			assertThat(f.remaining()).as(f.location()).isEmpty();
		}
		Migrator migrator = Migrator.builder(db.dataSource()).locations(fixed.location()).build();
		assertThat(migrator.audit()).noneMatch(Finding::blocks);

		VerificationReport replay = Verifier.of(migrator).verifyReplay();
		assertThat(replay.passed()).as(replay.text()).isTrue();
		try (Db other = db.kind().create()) {
			VerificationReport downs = Verifier
				.of(Migrator.builder(other.dataSource()).locations(fixed.location()).build())
				.verifyDownRoundTrip();
			assertThat(downs.passed()).as(downs.text()).isTrue();
		}
	}
}
