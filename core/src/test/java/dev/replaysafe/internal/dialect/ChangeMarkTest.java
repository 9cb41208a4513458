package dev.replaysafe.internal.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The change mark the replay check trusts to skip a snapshot: each kind of write moves it, inside
 * the transaction, and the statements a guarded replay runs (a guard that finds its work done, a
 * conflicting insert that does nothing, a query) leave it where it was. A write that left it in
 * place would hide a replay's damage from the check.
 */
class ChangeMarkTest {

	private static final String SETUP = """
			CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));
			INSERT INTO t VALUES (1, 'a');
			CREATE TABLE log (n INT);
			CREATE VIEW v AS SELECT id, name FROM t
			""";

	/** Runs {@code sql} in a transaction, between two reads of the mark; whether they differ. */
	private static boolean moves(Db db, String... sql) throws SQLException {
		try (Connection c = db.connect()) {
			Dialect dialect = Dialect.of(c);
			c.setAutoCommit(false);
			try (Statement s = c.createStatement()) {
				String before = dialect.changeMark(c);
				for (String statement : sql) {
					s.execute(statement);
				}
				String after = dialect.changeMark(c);
				return !before.equals(after);
			}
			finally {
				c.rollback();
				c.setAutoCommit(true);
			}
		}
	}

	private static void setUp(Db db) {
		db.execute(SETUP.split(";"));
	}

	@EachDatabase
	void aReplayThatFindsItsWorkDoneLeavesTheMark(Db db) throws SQLException {
		setUp(db);
		db.execute("CREATE INDEX t_name ON t (name)");
		for (String noOp : List.of("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY)", "CREATE INDEX IF NOT EXISTS t_name ON t (name)",
				"DROP TABLE IF EXISTS nothing_here", "INSERT INTO t VALUES (1, 'a') ON CONFLICT DO NOTHING",
				"INSERT INTO t SELECT 1, 'a' WHERE NOT EXISTS (SELECT 1 FROM t WHERE id = 1)",
				"UPDATE t SET name = 'b' WHERE id = 2", "DELETE FROM t WHERE id = 2", "SELECT count(*) FROM t")) {
			assertThat(moves(db, noOp)).as(noOp).isFalse();
		}
	}

	@EachDatabase
	void everyRowWriteMovesIt(Db db) throws SQLException {
		setUp(db);
		for (String write : List.of("INSERT INTO t VALUES (2, 'b')", "UPDATE t SET name = 'b'", "DELETE FROM t",
				// The same value written again is a write: the mark may move without a difference (the check then looks).
				"UPDATE t SET name = name", "INSERT INTO t VALUES (1, 'z') ON CONFLICT (id) DO UPDATE SET name = excluded.name")) {
			assertThat(moves(db, write)).as(write).isTrue();
		}
	}

	@EachDatabase
	void everySchemaChangeMovesIt(Db db) throws SQLException {
		setUp(db);
		for (String ddl : List.of("CREATE TABLE u (id INT)", "CREATE INDEX t_name ON t (name)", "ALTER TABLE t ADD COLUMN c INT",
				"ALTER TABLE t RENAME TO t2", "DROP VIEW v", "DROP TABLE log", "CREATE VIEW w AS SELECT 1 AS one")) {
			assertThat(moves(db, ddl)).as(ddl).isTrue();
		}
	}

	@EachDatabase
	void aWriteByATriggerMovesIt(Db db) throws SQLException {
		setUp(db);
		if (db.kind() == TestDatabase.SQLITE) {
			db.execute("CREATE TRIGGER v_insert INSTEAD OF INSERT ON v BEGIN INSERT INTO log VALUES (NEW.id); END");
		}
		else {
			db.execute("CREATE FUNCTION log_it() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO log VALUES (NEW.id); "
					+ "RETURN NULL; END $$",
					"CREATE TRIGGER v_insert INSTEAD OF INSERT ON v FOR EACH ROW EXECUTE FUNCTION log_it()");
		}
		// SQLite counts no change for the view itself, only the trigger program's own insert.
		assertThat(moves(db, "INSERT INTO v VALUES (5, 'e')")).isTrue();
	}

	@Test
	void onPostgresqlWritesInsideCodeAndToTheCatalogMoveIt() throws SQLException {
		try (Db db = TestDatabase.POSTGRES.create()) {
			setUp(db);
			for (String write : List.of("DO $$ BEGIN INSERT INTO log VALUES (1); END $$", "TRUNCATE log",
					"COMMENT ON TABLE t IS 'x'", "CREATE OR REPLACE VIEW v AS SELECT id, name FROM t",
					"CREATE SEQUENCE s", "CREATE TYPE mood AS ENUM ('ok')")) {
				assertThat(moves(db, write)).as(write).isTrue();
			}
			assertThat(moves(db, "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM t) THEN INSERT INTO log VALUES (1); END IF; END $$"))
				.as("a guarded DO block that finds its work done").isFalse();
		}
	}
}
