package dev.replaysafe;

import dev.replaysafe.internal.audit.FileAudit;
import dev.replaysafe.internal.sql.SqlScript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The portability rules proven on the databases, not assumed: each form a rule flags fails (or
 * does something else) on at least one of SQLite and PostgreSQL, its fix runs on both, and the
 * forms the rule lets through run on both.
 */
class PortabilityRulesTest {

	private static final String UPSERT = "insert-select-upsert-ambiguity";

	private static final String SCHEMA = "schema-qualified-name";

	/** A flagged statement, its fix, the databases the flagged one fails on, and a fragment of their error. */
	record Case(String flagged, String fixed, Set<TestDatabase> failsOn, String error) {
	}

	private static final List<Case> UPSERTS = List.of(
			new Case("INSERT INTO tags (name) SELECT name FROM old_tags ON CONFLICT (name) DO UPDATE SET name = excluded.name",
					"INSERT INTO tags (name) SELECT name FROM old_tags WHERE true ON CONFLICT (name) DO UPDATE SET name = "
							+ "excluded.name", Set.of(TestDatabase.SQLITE), "near \"DO\": syntax error"),
			new Case("INSERT INTO tags (name) SELECT o.name FROM old_tags o, other_tags p ON CONFLICT DO NOTHING",
					"INSERT INTO tags (name) SELECT o.name FROM old_tags o, other_tags p WHERE true ON CONFLICT DO NOTHING",
					Set.of(TestDatabase.SQLITE), "near \"DO\": syntax error"),
			new Case("INSERT INTO tags (name) SELECT name FROM (SELECT name FROM old_tags WHERE name IS NOT NULL) AS q "
					+ "ON CONFLICT DO NOTHING", "INSERT INTO tags (name) SELECT name FROM (SELECT name FROM old_tags "
							+ "WHERE name IS NOT NULL) AS q WHERE true ON CONFLICT DO NOTHING",
					Set.of(TestDatabase.SQLITE), "near \"DO\": syntax error"),
			new Case("INSERT INTO tags (name) SELECT name FROM old_tags WHERE true UNION SELECT name FROM other_tags "
					+ "ON CONFLICT DO NOTHING", "INSERT INTO tags (name) SELECT name FROM old_tags WHERE true UNION "
							+ "SELECT name FROM other_tags WHERE true ON CONFLICT DO NOTHING",
					Set.of(TestDatabase.SQLITE), "near \"DO\": syntax error"),
			new Case("WITH c AS (SELECT name FROM old_tags) INSERT INTO tags (name) SELECT name FROM c ON CONFLICT DO "
					+ "NOTHING", "WITH c AS (SELECT name FROM old_tags) INSERT INTO tags (name) SELECT name FROM c WHERE "
							+ "true ON CONFLICT DO NOTHING", Set.of(TestDatabase.SQLITE), "near \"DO\": syntax error"),
			new Case("INSERT INTO tags (name) SELECT o.name FROM old_tags o NATURAL JOIN other_tags p ON CONFLICT DO "
					+ "NOTHING", "INSERT INTO tags (name) SELECT o.name FROM old_tags o NATURAL JOIN other_tags p WHERE "
							+ "true ON CONFLICT DO NOTHING", Set.of(TestDatabase.SQLITE), "near \"DO\": syntax error"));

	/** INSERT ... SELECT ... ON CONFLICT forms whose FROM list something else ends: the rule lets them through. */
	private static final List<String> ACCEPTED_UPSERTS = List.of(
			"INSERT INTO tags (name) SELECT name FROM old_tags WHERE name IS NOT NULL ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) SELECT name FROM old_tags GROUP BY name ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) SELECT o.name FROM old_tags o JOIN other_tags p ON o.id = p.id ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) SELECT o.name FROM old_tags o JOIN other_tags p USING (id) ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) SELECT name FROM old_tags ORDER BY name LIMIT 3 ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) SELECT name FROM old_tags UNION SELECT 'y' ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) SELECT 'x' ON CONFLICT DO NOTHING",
			"INSERT INTO tags (name) VALUES ('z') ON CONFLICT DO NOTHING");

	private static final List<Case> QUALIFIED = List.of(
			new Case("CREATE TABLE IF NOT EXISTS main.s1 (id INT)", "CREATE TABLE IF NOT EXISTS s1 (id INT)",
					Set.of(TestDatabase.POSTGRES), "schema \"main\" does not exist"),
			new Case("CREATE TABLE IF NOT EXISTS temp.s2 (id INT)", "CREATE TABLE IF NOT EXISTS s2 (id INT)",
					Set.of(TestDatabase.POSTGRES), "schema \"temp\" does not exist"),
			new Case("CREATE TABLE IF NOT EXISTS public.s3 (id INT)", "CREATE TABLE IF NOT EXISTS s3 (id INT)",
					Set.of(TestDatabase.SQLITE), "unknown database public"),
			new Case("INSERT INTO main.base (id) VALUES (1) ON CONFLICT DO NOTHING",
					"INSERT INTO base (id) VALUES (1) ON CONFLICT DO NOTHING", Set.of(TestDatabase.POSTGRES),
					"relation \"main.base\" does not exist"),
			new Case("UPDATE base SET id = main.base.id + 10 WHERE id = 1", "UPDATE base SET id = base.id + 10 WHERE id = 1",
					Set.of(TestDatabase.POSTGRES), "base"),
			new Case("DELETE FROM public.base WHERE id = 2", "DELETE FROM base WHERE id = 2",
					Set.of(TestDatabase.SQLITE), "no such table: public.base"),
			new Case("CREATE INDEX IF NOT EXISTS ix_base ON public.base (id)",
					"CREATE INDEX IF NOT EXISTS ix_base ON base (id)", Set.of(TestDatabase.SQLITE), "syntax error"),
			new Case("CREATE TABLE IF NOT EXISTS s4 (id INT REFERENCES main.base (id))",
					"CREATE TABLE IF NOT EXISTS s4 (id INT REFERENCES base (id))",
					Set.of(TestDatabase.SQLITE, TestDatabase.POSTGRES), ""));

	@EachDatabase
	void eachFlaggedUpsertFailsOnSqliteAndItsWhereTrueFixRunsOnBoth(Db db) {
		db.execute("CREATE TABLE tags (name VARCHAR(50) NOT NULL PRIMARY KEY)",
				"CREATE TABLE old_tags (id INT, name VARCHAR(50))", "CREATE TABLE other_tags (id INT, name VARCHAR(50))",
				"INSERT INTO old_tags (id, name) VALUES (1, 'a'), (2, 'b')",
				"INSERT INTO other_tags (id, name) VALUES (1, 'a'), (3, 'c')");

		for (Case c : UPSERTS) {
			assertFlaggedAndFixed(db, c, UPSERT);
		}
	}

	@EachDatabase
	void everyUpsertFormTheRuleAcceptsRunsOnBoth(Db db) {
		db.execute("CREATE TABLE tags (name VARCHAR(50) NOT NULL PRIMARY KEY)",
				"CREATE TABLE old_tags (id INT, name VARCHAR(50))", "CREATE TABLE other_tags (id INT, name VARCHAR(50))",
				"INSERT INTO old_tags (id, name) VALUES (1, 'a'), (2, 'b')",
				"INSERT INTO other_tags (id, name) VALUES (1, 'a'), (3, 'c')");

		for (String sql : ACCEPTED_UPSERTS) {
			assertThat(audit(sql)).as(sql).isEmpty();
			assertThat(error(db, sql)).as(sql).isNull();
		}
		assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(5);
	}

	@EachDatabase
	void eachSchemaQualifiedNameFailsOnADatabaseAndTheBareNameRunsOnBoth(Db db) {
		db.execute("CREATE TABLE base (id INT PRIMARY KEY)", "INSERT INTO base (id) VALUES (1), (2)");

		for (Case c : QUALIFIED) {
			assertFlaggedAndFixed(db, c, SCHEMA);
		}
		assertThat(db.queryLong("SELECT count(*) FROM base WHERE id = 11")).isEqualTo(1);
	}

	@EachDatabase
	void dropIfExistsOfMainDotTableDropsItOnSqliteAndSilentlyNothingOnPostgres(Db db) {
		db.execute("CREATE TABLE gone (id INT)");
		String flagged = "DROP TABLE IF EXISTS main.gone";
		assertThat(audit(flagged)).extracting(Finding::rule).containsExactly(SCHEMA);

		assertThat(error(db, flagged)).isNull();
		assertThat(db.hasTable("gone")).isEqualTo(db.kind() == TestDatabase.POSTGRES);

		assertThat(error(db, "DROP TABLE IF EXISTS gone")).isNull();
		assertThat(db.hasTable("gone")).isFalse();
	}

	@EachDatabase
	void theAuditRefusesAnAmbiguousUpsertBeforeAnythingRunsAndItsFixApplies(Db db) {
		String table = "CREATE TABLE IF NOT EXISTS tags (name VARCHAR(50) NOT NULL PRIMARY KEY);\n"
				+ "CREATE TABLE IF NOT EXISTS old_tags (name VARCHAR(50));\n"
				+ "INSERT INTO old_tags (name) VALUES ('a'), ('b') ON CONFLICT DO NOTHING;\n";
		String down = "DROP TABLE IF EXISTS old_tags;\nDROP TABLE IF EXISTS tags;";
		MigrationDir dir = MigrationDir.create().migration("0001_tags",
				table + "INSERT INTO tags (name) SELECT name FROM old_tags ON CONFLICT DO NOTHING;", down);

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("0001_tags.sql:4:51 [" + UPSERT + "]")
			.hasMessageContaining("nothing was executed");
		assertThat(db.hasTable("tags")).isFalse();

		dir.migration("0001_tags", table + "INSERT INTO tags (name) SELECT name FROM old_tags WHERE true ON CONFLICT DO "
				+ "NOTHING;", down);
		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate().applied()).hasSize(1);
		assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(2);
	}

	@EachDatabase
	void theAuditRefusesAMainQualifierBeforeAnythingRunsAndTheBareNameApplies(Db db) {
		MigrationDir dir = MigrationDir.create().migration("0001_notes",
				"CREATE TABLE IF NOT EXISTS main.notes (id INT);", "DROP TABLE IF EXISTS notes;");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("0001_notes.sql:1:28 [" + SCHEMA + "] main.notes is schema-qualified")
			.hasMessageContaining("Fix: drop the qualifier: notes");
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();

		dir.migration("0001_notes", "CREATE TABLE IF NOT EXISTS notes (id INT);", "DROP TABLE IF EXISTS notes;");
		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate().applied()).hasSize(1);
		assertThat(db.hasTable("notes")).isTrue();
	}

	/** The audit flags the flagged form (only with this rule) and not the fix; the databases agree. */
	private static void assertFlaggedAndFixed(Db db, Case c, String rule) {
		assertThat(audit(c.flagged())).as(c.flagged()).extracting(Finding::rule).containsExactly(rule);
		assertThat(audit(c.fixed())).as(c.fixed()).isEmpty();

		String error = error(db, c.flagged());
		if (c.failsOn().contains(db.kind())) {
			assertThat(error).as(c.flagged()).isNotNull().contains(c.error());
		}
		else {
			assertThat(error).as(c.flagged()).isNull();
		}
		assertThat(error(db, c.fixed())).as(c.fixed()).isNull();
	}

	private static List<Finding> audit(String sql) {
		return FileAudit.up(SqlScript.parse("0001_x.sql", sql + ";"));
	}

	/** Runs one statement as the engine does; its error message, or null if it ran. */
	private static String error(Db db, String sql) {
		try (Connection c = db.connect(); Statement s = c.createStatement()) {
			s.execute(sql);
			return null;
		}
		catch (SQLException e) {
			return e.getMessage();
		}
	}
}
