package dev.replaysafe.internal.schema;

import dev.replaysafe.internal.schema.SchemaSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/** What a snapshot sees and how two snapshots diff, on each database. */
class SchemaSnapshotTest {

	private static SchemaSnapshot snapshot(Db db) {
		return SchemaSnapshot.of(db.dataSource(), "_sqlx_migrations");
	}

	/** Snapshots, runs {@code sql}, snapshots again, and returns how the second differs from the first. */
	private static List<String> diffAfter(Db db, String... sql) {
		SchemaSnapshot before = snapshot(db);
		db.execute(sql);
		return SchemaSnapshot.diff(before, snapshot(db));
	}

	/** How the snapshot names a column declared INT. */
	private static String integer(Db db) {
		return db.kind() == TestDatabase.SQLITE ? "INT" : "INTEGER";
	}

	@EachDatabase
	void anEmptyDatabaseHasAnEmptySnapshotAndTheHistoryTableIsLeftOut(Db db) {
		assertThat(snapshot(db).isEmpty()).isTrue();

		db.execute("CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT)",
				"CREATE INDEX ix_history ON _sqlx_migrations (description)");

		assertThat(snapshot(db).isEmpty()).isTrue();
		assertThat(SchemaSnapshot.of(db.dataSource(), "other_history").tables()).containsOnlyKeys("_sqlx_migrations");
	}

	@EachDatabase
	void columnOrderDoesNotMatter(Db db) {
		db.execute("CREATE TABLE t (a VARCHAR(10) NOT NULL, b INT)");
		SchemaSnapshot first = snapshot(db);
		db.execute("DROP TABLE t", "CREATE TABLE t (b INT, a VARCHAR(10) NOT NULL)");

		assertThat(snapshot(db)).isEqualTo(first);
		assertThat(SchemaSnapshot.diff(first, snapshot(db))).isEmpty();
	}

	@EachDatabase
	void tablesAddedAndMissing(Db db) {
		db.execute("CREATE TABLE gone (id INT)");

		assertThat(diffAfter(db, "DROP TABLE gone", "CREATE TABLE fresh (name VARCHAR(5) NOT NULL)"))
			.containsExactly("table fresh added (name VARCHAR(5) NOT NULL)", "table gone missing");
	}

	@EachDatabase
	void columnsAddedAndMissing(Db db) {
		db.execute("CREATE TABLE t (id INT, legacy VARCHAR(64))");

		assertThat(diffAfter(db, "ALTER TABLE t ADD COLUMN archived_at TIMESTAMP", "ALTER TABLE t DROP COLUMN legacy"))
			.containsExactly("table t: column archived_at added (TIMESTAMP NULL)",
					"table t: column legacy missing (was VARCHAR(64) NULL)");
	}

	@EachDatabase
	void columnTypeNullabilityAndDefaultChanges(Db db) {
		db.execute("CREATE TABLE t (status VARCHAR(10) NOT NULL DEFAULT 'draft')");

		List<String> diff = diffAfter(db, "DROP TABLE t", "CREATE TABLE t (status VARCHAR(20) DEFAULT 'new')");

		String draft = db.kind() == TestDatabase.SQLITE ? "'draft'" : "'draft'::character varying";
		String fresh = db.kind() == TestDatabase.SQLITE ? "'new'" : "'new'::character varying";
		assertThat(diff).containsExactly("table t: column status changed: type VARCHAR(10) -> VARCHAR(20), "
				+ "NOT NULL -> NULL, default " + draft + " -> " + fresh);
	}

	@EachDatabase
	void aGeneratedColumnIsSeenWithItsKindAndExpressionAndNotAsADefault(Db db) {
		db.execute("CREATE TABLE t (a INT, g INT GENERATED ALWAYS AS (a * 2) STORED)");

		// SQLite keeps the expression as written; PostgreSQL prints it (and pg_dump) with its own parentheses.
		String doubled = db.kind() == TestDatabase.SQLITE ? "(a * 2)" : "((a * 2))";
		assertThat(snapshot(db).tables().get("t").columns().get("g"))
			.isEqualTo(new SchemaSnapshot.Column("g", integer(db), false, null, "GENERATED ALWAYS AS " + doubled + " STORED"));
		String tripled = db.kind() == TestDatabase.SQLITE ? "(a * 3)" : "((a * 3))";
		assertThat(diffAfter(db, "DROP TABLE t", "CREATE TABLE t (a INT, g INT GENERATED ALWAYS AS (a * 3) STORED)"))
			.containsExactly("table t: column g changed: GENERATED ALWAYS AS " + doubled + " STORED -> GENERATED ALWAYS AS "
					+ tripled + " STORED");
		assertThat(diffAfter(db, "DROP TABLE t", "CREATE TABLE t (a INT, g INT DEFAULT 3)"))
			.containsExactly("table t: column g changed: default none -> 3, GENERATED ALWAYS AS " + tripled
					+ " STORED -> not generated");
	}

	@EachDatabase
	void aGeneratedColumnAddedOrDroppedIsADifference(Db db) {
		db.execute("CREATE TABLE t (a INT, gone INT GENERATED ALWAYS AS (a + 1) STORED)");
		// SQLite can add only a VIRTUAL generated column to a table with rows; PostgreSQL 15 has only STORED ones.
		String kind = db.kind() == TestDatabase.SQLITE ? "VIRTUAL" : "STORED";

		List<String> diff = diffAfter(db, "ALTER TABLE t ADD COLUMN g INT GENERATED ALWAYS AS (a * 2) " + kind,
				"ALTER TABLE t DROP COLUMN gone");

		String doubled = db.kind() == TestDatabase.SQLITE ? "(a * 2)" : "((a * 2))";
		String plusOne = db.kind() == TestDatabase.SQLITE ? "(a + 1)" : "((a + 1))";
		assertThat(diff).containsExactly("table t: column g added (" + integer(db) + " NULL GENERATED ALWAYS AS " + doubled
				+ " " + kind + ")", "table t: column gone missing (was " + integer(db) + " NULL GENERATED ALWAYS AS " + plusOne
						+ " STORED)");
	}

	@Test
	void onSqliteTheGeneratedExpressionIsReadFromTheTableTextAndItsKindMatters() {
		try (Db db = TestDatabase.SQLITE.create()) {
			db.execute("CREATE TABLE t (a TEXT, \"odd, name\" TEXT AS (a || ',)' || lower(a)) VIRTUAL, "
					+ "[b] INT GENERATED ALWAYS AS (length(\n  a)) STORED, c INT CHECK (c > 0), "
					+ "CONSTRAINT k UNIQUE (c))");

			SchemaSnapshot.Table t = snapshot(db).tables().get("t");

			assertThat(t.columns().get("odd, name").generated()).isEqualTo("GENERATED ALWAYS AS (a || ',)' || lower(a)) VIRTUAL");
			assertThat(t.columns().get("b").generated()).isEqualTo("GENERATED ALWAYS AS (length( a)) STORED");
			assertThat(t.columns().get("c").generated()).isNull();
			assertThat(diffAfter(db, "DROP TABLE t", "CREATE TABLE t (a TEXT, \"odd, name\" TEXT AS (a || ',)' || lower(a)) "
					+ "STORED, [b] INT GENERATED ALWAYS AS (length(a)) STORED, c INT CHECK (c > 0), CONSTRAINT k UNIQUE (c))"))
				.containsExactly("table t: column b changed: GENERATED ALWAYS AS (length( a)) STORED -> GENERATED ALWAYS AS "
						+ "(length(a)) STORED", "table t: column odd, name changed: GENERATED ALWAYS AS (a || ',)' || "
								+ "lower(a)) VIRTUAL -> GENERATED ALWAYS AS (a || ',)' || lower(a)) STORED");
		}
	}

	@Test
	void onSqliteTheHiddenColumnsOfAVirtualTableAreNotColumns() {
		try (Db db = TestDatabase.SQLITE.create()) {
			db.execute("CREATE VIRTUAL TABLE docs USING fts5(title, body)");

			assertThat(snapshot(db).tables().get("docs").columns()).containsOnlyKeys("title", "body");
		}
	}

	@EachDatabase
	void onlyTheHistoryTableIsLeftOutNotOneWhoseNameDiffersInANonAsciiLetter(Db db) {
		// Java's equalsIgnoreCase takes the dotless i and the Kelvin sign for i and K; neither database does.
		db.execute("CREATE TABLE kit_history (a INT)", "CREATE TABLE k\u0131t_history (a INT)",
				"CREATE TABLE \u212Ait_history (a INT)", "CREATE INDEX ix_dotless ON k\u0131t_history (a)");

		SchemaSnapshot snapshot = SchemaSnapshot.of(db.dataSource(), "KIT_HISTORY");

		assertThat(snapshot.tables()).containsOnlyKeys("k\u0131t_history", "\u212Ait_history");
		assertThat(snapshot.indexes()).containsOnlyKeys("ix_dotless");
	}

	@EachDatabase
	void primaryKeyChanges(Db db) {
		db.execute("CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a))");

		assertThat(diffAfter(db, "DROP TABLE t", "CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b))"))
			.containsExactly("table t: primary key changed: (a) -> (a, b)");
	}

	@EachDatabase
	void indexesWithTheirColumnsInOrderAndUniqueness(Db db) {
		db.execute("CREATE TABLE t (a INT, b INT, c INT)", "CREATE INDEX ix_moved ON t (a, b)",
				"CREATE INDEX ix_gone ON t (c)");

		List<String> diff = diffAfter(db, "DROP INDEX ix_moved", "CREATE INDEX ix_moved ON t (b, a)",
				"DROP INDEX ix_gone", "CREATE UNIQUE INDEX ux_c ON t (c)");

		assertThat(diff).containsExactly("index ix_gone on t (c) missing",
				"index ix_moved changed: on t (a, b) -> on t (b, a)", "unique index ux_c on t (c) added");
	}

	@EachDatabase
	void partialAndDescendingIndexes(Db db) {
		db.execute("CREATE TABLE t (a INT, b INT)");

		List<String> diff = diffAfter(db, "CREATE INDEX ix_p ON t (a, b DESC) WHERE a > 0");

		assertThat(diff).singleElement().asString().startsWith("index ix_p on t (a, b DESC) where ").contains("a > 0")
			.endsWith(" added");
	}

	@EachDatabase
	void anIndexIsReadWholeWhateverItsNamesAndStringsHold(Db db) {
		// ß upper-cases to SS, which shifted positions found in upper-cased text; "somewhere" holds a WHERE.
		String index = "ix_" + "ß".repeat(20);
		db.execute("CREATE TABLE t (somewhere INT, straße VARCHAR(20))",
				"CREATE INDEX ix_some ON t (somewhere) WHERE somewhere > 0",
				"CREATE INDEX " + index + " ON t (lower(straße), (straße || ',)'))");

		SchemaSnapshot snapshot = snapshot(db);

		assertThat(snapshot.indexes().get("ix_some").where()).contains("somewhere > 0");
		assertThat(snapshot.indexes().get(index).columns()).hasSize(2).satisfies(columns -> {
			assertThat(columns.get(0)).contains("lower(").contains("straße");
			assertThat(columns.get(1)).contains("',)'");
		});
	}

	@EachDatabase
	void expressionIndexesAreComparedByTheirExpression(Db db) {
		db.execute("CREATE TABLE t (title VARCHAR(20), b INT)", "CREATE INDEX ix_e ON t (lower(title), b)");

		List<String> diff = diffAfter(db, "DROP INDEX ix_e", "CREATE INDEX ix_e ON t (upper(title), b)");

		assertThat(diff).singleElement().asString().startsWith("index ix_e changed: on t (lower(title")
			.contains(" -> on t (upper(title").endsWith(", b)");
	}

	@EachDatabase
	void foreignKeys(Db db) {
		db.execute("CREATE TABLE p (id INT NOT NULL PRIMARY KEY)", "CREATE TABLE c (id INT, p_id INT)");

		assertThat(diffAfter(db, "DROP TABLE c",
				"CREATE TABLE c (id INT, p_id INT REFERENCES p (id) ON DELETE CASCADE)"))
			.containsExactly("table c: foreign key (p_id) -> p (id) ON DELETE CASCADE added");
	}

	@EachDatabase
	void aUniqueConstraintIsOneEvenWhereSqliteImplementsItWithAnAutomaticIndex(Db db) {
		db.execute("CREATE TABLE t (a INT, b INT, UNIQUE (a, b))");

		SchemaSnapshot snapshot = snapshot(db);

		assertThat(snapshot.indexes()).isEmpty();
		assertThat(snapshot.tables().get("t").uniques()).containsExactly("(a, b)");
		assertThat(diffAfter(db, "DROP TABLE t", "CREATE TABLE t (a INT, b INT)"))
			.containsExactly("table t: unique (a, b) missing");
	}

	@EachDatabase
	void views(Db db) {
		db.execute("CREATE TABLE t (a INT, b INT)", "CREATE VIEW v_a AS SELECT a FROM t",
				"CREATE VIEW v_gone AS SELECT b FROM t");

		List<String> diff = diffAfter(db, "DROP VIEW v_a", "CREATE VIEW v_a AS SELECT a, b FROM t", "DROP VIEW v_gone",
				"CREATE VIEW v_new AS SELECT a FROM t WHERE b > 1");

		assertThat(diff).hasSize(3);
		assertThat(diff.get(0)).startsWith("view v_a changed: ").contains(" -> ");
		assertThat(diff.get(1)).isEqualTo("view v_gone missing");
		assertThat(diff.get(2)).startsWith("view v_new added: ");
	}

	@EachDatabase
	void triggersAndOnPostgresqlSequencesTypesAndFunctions(Db db) {
		db.execute("CREATE TABLE t (a INT)");
		if (db.kind() == TestDatabase.SQLITE) {
			assertThat(diffAfter(db, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END"))
				.containsExactly("trigger tr on t added");
			return;
		}
		db.execute("CREATE SEQUENCE owned_seq OWNED BY t.a");
		List<String> diff = diffAfter(db, "CREATE SEQUENCE s", "CREATE TYPE mood AS ENUM ('ok', 'sad')",
				"CREATE DOMAIN short_text AS VARCHAR(10)",
				"CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
				"CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch()");

		assertThat(diff).containsExactly("function touch() added", "sequence s added", "trigger tr on t added",
				"type mood added", "type short_text added");
		assertThat(snapshot(db).others()).containsEntry("type mood", "enum (ok, sad)")
			.containsEntry("type short_text", "domain over VARCHAR(10)")
			.hasEntrySatisfying("function touch()", d -> assertThat(d).startsWith("returns trigger, body "));
		assertThat(diffAfter(db, "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
				+ "$$ BEGIN RETURN OLD; END $$")).singleElement().asString().startsWith("function touch() changed: ");
	}

	@EachDatabase
	void describesTheWholeSchema(Db db) {
		db.execute("CREATE TABLE p (id VARCHAR(36) NOT NULL PRIMARY KEY)",
				"CREATE TABLE c (id VARCHAR(36) NOT NULL PRIMARY KEY, p_id VARCHAR(36) NOT NULL REFERENCES p (id), "
						+ "code VARCHAR(8) UNIQUE)",
				"CREATE INDEX ix_c_p ON c (p_id)");

		SchemaSnapshot snapshot = snapshot(db);

		assertThat(snapshot.summary()).isEqualTo("2 tables, 1 index, 0 views");
		assertThat(snapshot.toString()).isEqualTo("""
				table c (code VARCHAR(8) NULL, id VARCHAR(36) NOT NULL, p_id VARCHAR(36) NOT NULL) primary key (id) \
				unique (code) foreign key (p_id) -> p (id)
				table p (id VARCHAR(36) NOT NULL) primary key (id)
				index ix_c_p on c (p_id)
				""");
	}
}
