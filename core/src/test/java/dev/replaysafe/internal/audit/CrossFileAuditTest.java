package dev.replaysafe.internal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.replaysafe.Audit;
import dev.replaysafe.AuditMode;
import dev.replaysafe.Finding;
import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

import org.junit.jupiter.api.Test;

/**
 * The audit across files, proven on the databases: each set below is applied by the engine, one
 * history row is lost, and the next run replays that file. What the audit said of the file, before
 * anything ran, is what the replay then does: it fails, or it silently undoes a later file. Each
 * near miss replays without a change and has no finding.
 */
class CrossFileAuditTest {

	private static final String USES = "replay-uses-removed-object";
	private static final String UNDOES = "replay-undoes-later-change";

	private static List<Migration> set(String... ups) {
		List<Migration> set = new ArrayList<>();
		for (int i = 0; i < ups.length; i++) {
			String name = String.format("db/migrations/%04d_m%d", i + 1, i + 1);
			set.add(new Migration(i + 1, "m" + (i + 1), SqlFile.of(name + ".sql", ups[i]),
					SqlFile.of(name + ".down.sql", "SELECT 1;")));
		}
		return set;
	}

	private static List<Finding> acrossFiles(List<Migration> set) {
		return Audit.of(set).stream().filter(f -> f.rule().startsWith("replay-")).toList();
	}

	/** Applies the set with the engine (audit off: the findings are the point), loses one history row, and runs again. */
	private static void applyThenReplay(Db db, int version, String... ups) {
		MigrationDir dir = MigrationDir.create();
		for (int i = 0; i < ups.length; i++) {
			dir.migration(String.format("%04d_m%d", i + 1, i + 1), ups[i], "SELECT 1;");
		}
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.OFF).build();
		migrator.migrate();
		db.execute("DELETE FROM _sqlx_migrations WHERE version = " + version);
		migrator.migrate();
	}

	private static final String[] RENAMED = { "CREATE TABLE IF NOT EXISTS user_ (id INT PRIMARY KEY, name VARCHAR(20));",
			"UPDATE user_ SET name = 'anonymous' WHERE name IS NULL;",
			"-- replaysafe:allow rename the table gets its final name once\nALTER TABLE user_ RENAME TO person;" };

	@EachDatabase
	void aStatementOnATableALaterFileRenamesIsReportedAndItsReplayFails(Db db) {
		List<Finding> findings = acrossFiles(set(RENAMED));
		assertThat(findings).filteredOn(f -> f.file().endsWith("0002_m2.sql")).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo(USES);
			assertThat(f.line()).isEqualTo(1);
			assertThat(f.message()).isEqualTo("a replay of this file fails once 0003_m3.sql:2 has run: table user_ is gone "
					+ "(that file renames it to table person)");
			assertThat(f.fix()).contains("-- replaysafe:allow replay-uses-removed-object <reason> at 0003_m3.sql:2");
			assertThat(f.blocks()).isTrue();
		});
		assertThatThrownBy(() -> applyThenReplay(db, 2, RENAMED)).isInstanceOf(MigrationException.class)
			.hasMessageContaining("0002_m2.sql").hasMessageContaining("user_");
	}

	@EachDatabase
	void aGuardedCreateOfATableALaterFileRenamesIsReportedAndItsReplayCreatesItAgain(Db db) {
		assertThat(acrossFiles(set(RENAMED))).filteredOn(f -> f.file().endsWith("0001_m1.sql")).singleElement()
			.satisfies(f -> {
				assertThat(f.rule()).isEqualTo(UNDOES);
				assertThat(f.message()).isEqualTo("a replay of this file undoes a later file: it re-creates table user_, which "
						+ "0003_m3.sql:2 renames to table person");
			});
		applyThenReplay(db, 1, RENAMED);
		assertThat(db.hasTable("user_")).as("the replay created the renamed table again").isTrue();
	}

	private static final String[] INDEXED = { "CREATE TABLE IF NOT EXISTS t (id INT, c INT);",
			"CREATE INDEX IF NOT EXISTS t_c ON t (c);",
			"DROP INDEX IF EXISTS t_c;\nALTER TABLE t DROP COLUMN IF EXISTS c;" };

	@EachDatabase
	void anIndexOnAColumnALaterFileDropsIsReportedAndItsReplayFails(Db db) {
		assertThat(acrossFiles(set(INDEXED))).filteredOn(f -> f.file().endsWith("0002_m2.sql")).singleElement()
			.satisfies(f -> {
				assertThat(f.rule()).isEqualTo(USES);
				assertThat(f.column()).as("at the column").isEqualTo(38);
				assertThat(f.message()).contains("once 0003_m3.sql:2 has run: column t.c is gone (that file drops it)");
			});
		assertThatThrownBy(() -> applyThenReplay(db, 2, INDEXED)).isInstanceOf(MigrationException.class)
			.hasMessageContaining("0002_m2.sql");
	}

	private static final String[] DROPPED = { "CREATE TABLE IF NOT EXISTS legacy (id INT);", "DROP TABLE IF EXISTS legacy;" };

	@EachDatabase
	void aTableALaterFileDropsIsCreatedAgainByTheReplayOfTheFileThatCreatedIt(Db db) {
		assertThat(acrossFiles(set(DROPPED))).singleElement().satisfies(f -> {
			assertThat(f.file()).endsWith("0001_m1.sql");
			assertThat(f.rule()).isEqualTo(UNDOES);
			assertThat(f.message()).endsWith("it re-creates table legacy, which 0002_m2.sql:1 drops");
		});
		applyThenReplay(db, 1, DROPPED);
		assertThat(db.hasTable("legacy")).isTrue();
	}

	private static final String[] REDEFINED = { "CREATE TABLE IF NOT EXISTS t (id INT, c INT);\nDROP VIEW IF EXISTS v;\n"
			+ "CREATE VIEW v AS SELECT id FROM t;", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id, c FROM t;" };

	@EachDatabase
	void aViewALaterFileRedefinesIsPutBackToTheOldDefinitionByTheReplay(Db db) throws SQLException {
		assertThat(acrossFiles(set(REDEFINED))).singleElement().satisfies(f -> {
			assertThat(f.file()).endsWith("0001_m1.sql");
			assertThat(f.line()).isEqualTo(3);
			assertThat(f.message()).endsWith("it puts back its own definition of view v, which 0002_m2.sql:2 redefines");
		});
		applyThenReplay(db, 1, REDEFINED);
		assertThat(columns(db, "SELECT * FROM v")).as("the old view again").isEqualTo(1);
	}

	private static final String[] REBUILT = { "DROP TABLE IF EXISTS notes;\nCREATE TABLE IF NOT EXISTS notes (id INT);",
			"ALTER TABLE notes ADD COLUMN IF NOT EXISTS body VARCHAR(20);" };

	@EachDatabase
	void aTableRebuiltByTheReplayOfItsFileLosesTheColumnALaterFileAdded(Db db) {
		assertThat(acrossFiles(set(REBUILT))).singleElement().satisfies(f -> {
			assertThat(f.file()).endsWith("0001_m1.sql");
			assertThat(f.line()).isEqualTo(1);
			assertThat(f.message()).endsWith("it drops column notes.body, which 0002_m2.sql:1 creates");
		});
		applyThenReplay(db, 1, REBUILT);
		assertThat(db.hasColumn("notes", "body")).isFalse();
	}

	@Test
	void onPostgresAFunctionALaterFileRedefinesIsPutBackByTheReplay() throws SQLException {
		String[] ups = { "CREATE OR REPLACE FUNCTION answer() RETURNS INT LANGUAGE sql AS $$ SELECT 41 $$;",
				"CREATE OR REPLACE FUNCTION answer() RETURNS INT LANGUAGE sql AS $$ SELECT 42 $$;" };
		assertThat(acrossFiles(set(ups))).singleElement().satisfies(f -> {
			assertThat(f.file()).endsWith("0001_m1.sql");
			assertThat(f.message()).endsWith("it puts back its own definition of function answer(), which 0002_m2.sql:1 "
					+ "redefines");
		});
		try (Db db = TestDatabase.POSTGRES.create()) {
			applyThenReplay(db, 1, ups);
			assertThat(db.queryLong("SELECT answer()")).isEqualTo(41);
		}
	}

	@Test
	void onPostgresAColumnTypeALaterFileChangesIsPutBackByTheReplayAndAPrimaryKeyRebuiltInPlaceIsNot()
			throws SQLException {
		String[] ups = { "CREATE TABLE IF NOT EXISTS h (id INT NOT NULL, data VARCHAR(10), PRIMARY KEY (id));",
				"ALTER TABLE h ALTER COLUMN data TYPE VARCHAR(20);",
				"ALTER TABLE h ALTER COLUMN data TYPE TEXT;\nALTER TABLE h ALTER COLUMN data SET DEFAULT '';",
				"ALTER TABLE h DROP CONSTRAINT h_pkey;\nALTER TABLE h ADD PRIMARY KEY (id, data);" };
		List<Migration> set = set(ups);
		assertThat(Audit.of(set, java.util.Set.of(Audit.Database.POSTGRESQL)).stream().filter(Finding::blocks))
			.singleElement().satisfies(f -> {
			assertThat(f.file()).endsWith("0002_m2.sql");
			assertThat(f.rule()).isEqualTo(UNDOES);
			assertThat(f.message()).endsWith("it puts back its own definition of the type of column h.data, which "
					+ "0003_m3.sql:1 redefines");
		});
		assertThat(Audit.up(set.get(3).up())).as("alone, the primary key's rebuild looks unsafe").extracting(Finding::rule)
			.contains("drop-constraint-without-if-exists", "add-constraint-without-guard");
		try (Db db = TestDatabase.POSTGRES.create()) {
			applyThenReplay(db, 2, ups);
			assertThat(db.queryLong("SELECT character_maximum_length FROM information_schema.columns WHERE table_name = 'h' "
					+ "AND column_name = 'data'")).isEqualTo(20);
		}
		try (Db db = TestDatabase.POSTGRES.create()) {
			applyThenReplay(db, 4, ups);
			assertThat(db.queryLong("SELECT count(*) FROM information_schema.key_column_usage WHERE constraint_name = "
					+ "'h_pkey'")).as("the same two-column key").isEqualTo(2);
		}
	}

	private static final String[] NEAR_MISS = { "CREATE TABLE IF NOT EXISTS t (id INT);",
			"CREATE INDEX IF NOT EXISTS t_id ON t (id);\nUPDATE t SET id = 1 WHERE id IS NULL;",
			"ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT;", "CREATE TABLE IF NOT EXISTS legacy (id INT);",
			"DROP TABLE IF EXISTS legacy;\nCREATE TABLE IF NOT EXISTS legacy (id INT, note VARCHAR(9));" };

	@EachDatabase
	void nearMissesHaveNoFindingAndReplayWithoutAChange(Db db) throws SQLException {
		// Guarded statements on what stays, and a later file that drops a table and creates it again.
		assertThat(acrossFiles(set(NEAR_MISS))).isEmpty();
		for (int version = 1; version <= 4; version++) {
			applyThenReplay(db, version, NEAR_MISS);
			assertThat(db.hasColumn("t", "c")).isTrue();
			assertThat(db.hasColumn("legacy", "note")).isTrue();
			assertThat(columns(db, "SELECT * FROM legacy")).isEqualTo(2);
		}
	}

	private static final String[] REBUILT_IN_PLACE = { "CREATE TABLE IF NOT EXISTS t (id INT, title VARCHAR(9));\n"
			+ "CREATE INDEX IF NOT EXISTS t_id ON t (id);",
			"DROP INDEX t_id;\nCREATE INDEX t_id ON t (id);",
			"CREATE TABLE t_new (id INT, title VARCHAR(9) NOT NULL DEFAULT '');\n"
					+ "INSERT INTO t_new (id, title) SELECT id, COALESCE(title, '') FROM t;\nDROP TABLE t;\n"
					+ "ALTER TABLE t_new RENAME TO t;\nCREATE INDEX t_id ON t (id);" };

	@EachDatabase
	void unguardedStatementsTheReplayOnTheFinalStateRunsCleanlyAreNotReportedInTheSetAndReplayUnchanged(Db db)
			throws SQLException {
		List<Migration> set = set(REBUILT_IN_PLACE);
		assertThat(Audit.up(set.get(1).up())).as("alone, the file cannot tell").extracting(Finding::rule)
			.contains("drop-without-if-exists", "create-without-if-not-exists");
		assertThat(Audit.up(set.get(2).up())).extracting(Finding::rule)
			.contains("create-without-if-not-exists", "insert-without-conflict-guard", "drop-without-if-exists", "rename");
		// In the set: the drop finds what the file creates again below; the rebuilt table is created anew, filled,
		// and renamed into the place of the one dropped.
		assertThat(Audit.of(set)).filteredOn(f -> !f.file().endsWith("0001_m1.sql")).isEmpty();
		for (int version : new int[] { 2, 3 }) {
			applyThenReplay(db, version, REBUILT_IN_PLACE[0] + "\nINSERT INTO t (id, title) SELECT 1, 'a' WHERE NOT EXISTS "
					+ "(SELECT 1 FROM t);", REBUILT_IN_PLACE[1], REBUILT_IN_PLACE[2]);
			assertThat(db.queryLong("SELECT count(*) FROM t")).as("the rows are kept").isEqualTo(1);
			assertThat(db.hasColumn("t", "title")).isTrue();
		}
	}

	@Test
	void theSameStatementsAreReportedWhenALaterFileRemovesWhatTheyNeed() {
		List<Finding> findings = Audit.of(set(REBUILT_IN_PLACE[0], REBUILT_IN_PLACE[1], "DROP INDEX IF EXISTS t_id;"));
		assertThat(findings).filteredOn(f -> f.file().endsWith("0002_m2.sql")).extracting(Finding::rule)
			.containsExactly("drop-without-if-exists", USES, "create-without-if-not-exists");
		assertThat(findings).filteredOn(f -> f.rule().equals(USES)).singleElement()
			.satisfies(f -> assertThat(f.message()).endsWith("index t_id is gone (that file drops it)"));
	}

	@Test
	void anUnnamedIndexStaysReportedSinceTheModelCannotTellItsCopiesApart() {
		assertThat(Audit.of(set("CREATE TABLE IF NOT EXISTS t (id INT);\nCREATE INDEX ON t (id);")))
			.extracting(Finding::rule).containsExactly("create-without-if-not-exists");
	}

	@Test
	void aGuardThatSkipsWhatIsGoneAndAnObjectNoFileCreatesHaveNoFinding() {
		assertThat(acrossFiles(set(DROPPED[0], DROPPED[1], "ALTER TABLE IF EXISTS legacy ADD COLUMN IF NOT EXISTS c INT;",
				"UPDATE made_elsewhere SET x = 1 WHERE x IS NULL;"))).filteredOn(f -> !f.file().endsWith("0001_m1.sql"))
			.isEmpty();
	}

	@Test
	void anObjectALaterDoBlockNamesIsLeftAloneSinceTheModelCannotSeeWhatTheBlockDoes() {
		assertThat(acrossFiles(set(DROPPED[0], DROPPED[1],
				"DO $$ BEGIN IF to_regclass('legacy') IS NULL THEN CREATE TABLE legacy (id INT); END IF; END $$;")))
			.isEmpty();
	}

	@Test
	void aFindingIsWaivedInTheLaterFileOrInItsOwnAndAWaiverThatWaivesNothingIsReported() {
		String later = "-- replaysafe:allow replay-undoes-later-change legacy is gone for good\nDROP TABLE IF EXISTS legacy;";
		assertThat(acrossFiles(set(DROPPED[0], later))).singleElement()
			.satisfies(f -> assertThat(f.waived()).isEqualTo("legacy is gone for good"));
		String own = "-- replaysafe:allow replay-undoes-later-change harmless: it is empty\n" + DROPPED[0];
		assertThat(acrossFiles(set(own, DROPPED[1]))).singleElement()
			.satisfies(f -> assertThat(f.waived()).isEqualTo("harmless: it is empty"));

		String stale = "-- replaysafe:allow replay-undoes-later-change nothing to waive\nCREATE TABLE IF NOT EXISTS kept (id INT);";
		assertThat(Audit.up(SqlFile.of("db/migrations/0001_m1.sql", stale))).as("the file alone cannot tell").isEmpty();
		assertThat(Audit.of(set(stale))).singleElement().satisfies(f -> {
			assertThat(f.rule()).isEqualTo("unused-waiver");
			assertThat(f.line()).isEqualTo(1);
		});
	}

	@EachDatabase
	void aRunRefusesAPendingFileThatMakesAnAppliedOneUnsafeToReplayAndRunsItOnceWaived(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_legacy", DROPPED[0], "DROP TABLE IF EXISTS legacy;");
		java.util.function.Supplier<Migrator> migrator = () -> Migrator.builder(db.dataSource()).locations(dir.location())
			.build();
		migrator.get().migrate();
		dir.migration("0002_drop_legacy", DROPPED[1], "CREATE TABLE IF NOT EXISTS legacy (id INT);");
		assertThatThrownBy(() -> migrator.get().migrate()).isInstanceOf(MigrationException.class)
			.satisfies(e -> assertThat(((MigrationException) e).kind()).isEqualTo(MigrationException.Kind.AUDIT))
			.hasMessageContaining("0001_legacy.sql:1:1 [replay-undoes-later-change]")
			.hasMessageContaining("0002_drop_legacy.sql:1");
		assertThat(db.hasTable("legacy")).as("nothing ran").isTrue();

		dir.migration("0002_drop_legacy", "-- replaysafe:allow replay-undoes-later-change replaced by the events table\n"
				+ DROPPED[1], "CREATE TABLE IF NOT EXISTS legacy (id INT);");
		migrator.get().migrate();
		assertThat(db.hasTable("legacy")).isFalse();
		assertThat(migrator.get().migrate().applied()).as("nothing pending: nothing audited, nothing applied").isEmpty();
	}

	@Test
	void eachFileIsReadOncePerChecksum() {
		List<Migration> set = set("CREATE TABLE IF NOT EXISTS read_once_" + System.nanoTime() + " (id INT);");
		Audit.of(set);
		long lexed = dev.replaysafe.internal.sql.SqlScript.filesLexed();
		Audit.of(set);
		assertThat(dev.replaysafe.internal.sql.SqlScript.filesLexed()).isEqualTo(lexed);
	}

	private static int columns(Db db, String query) throws SQLException {
		try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
			return rs.getMetaData().getColumnCount();
		}
	}
}
