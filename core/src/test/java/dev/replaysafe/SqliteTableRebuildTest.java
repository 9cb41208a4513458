package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;

import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * SQLite's table rebuild (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
 * Changes") inside the migration's forced transaction, where {@code PRAGMA foreign_keys} is a no-op:
 * the engine turns foreign keys off around it, so dropping the old table deletes no referencing row.
 */
class SqliteTableRebuildTest {

	private static final String SCHEMA = """
			CREATE TABLE IF NOT EXISTS parent (id INTEGER PRIMARY KEY, name TEXT);
			CREATE TABLE IF NOT EXISTS child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id) ON DELETE %s);
			INSERT INTO parent (id, name) VALUES (1, 'a'), (2, 'b') ON CONFLICT DO NOTHING;
			INSERT INTO child (id, parent_id) VALUES (10, 1), (11, 1), (12, 2) ON CONFLICT DO NOTHING;
			""";

	private static final String REBUILD = """
			CREATE TABLE IF NOT EXISTS parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (length(name) > 0));
			INSERT INTO parent_new (id, name) SELECT id, name FROM parent WHERE true ON CONFLICT DO NOTHING;
			DROP TABLE IF EXISTS parent;
			-- replaysafe:allow rename the new table takes the old one's name; a replay creates it again first
			ALTER TABLE parent_new RENAME TO parent;
			""";

	/** The procedure as sqlite.org writes it, with its PRAGMA lines (which replaysafe skips: it does them itself). */
	private static final String DOCUMENTED_REBUILD = """
			-- replaysafe:allow sqlite-only-syntax step 1 of SQLite's table rebuild
			PRAGMA foreign_keys = OFF;
			""" + REBUILD + """
			-- replaysafe:allow sqlite-only-syntax step 10 of SQLite's table rebuild
			PRAGMA foreign_key_check;
			-- replaysafe:allow sqlite-only-syntax step 12 of SQLite's table rebuild
			PRAGMA foreign_keys = ON;
			""";

	@Test
	void theDocumentedRebuildKeepsTheRowsThatReferenceTheRebuiltTable() throws Exception {
		for (String rebuild : List.of(DOCUMENTED_REBUILD, REBUILD)) {
			try (Db db = TestDatabase.SQLITE.create(); Connection c = connect(db, true)) {
				MigrationDir dir = schema("CASCADE").migration("0002_rebuild_parent", rebuild,
						"-- replaysafe:allow empty-down the CHECK may stay\n");

				migrator(c, dir).migrate();

				assertThat(query(c, "SELECT count(*) FROM child")).as(rebuild).isEqualTo(3);
				assertThat(query(c, "SELECT count(*) FROM parent")).as(rebuild).isEqualTo(2);
				assertThat(query(c, "SELECT count(*) FROM sqlite_master WHERE name = 'parent' AND sql LIKE '%CHECK%'"))
					.as("the table was rebuilt").isEqualTo(1);
				assertThat(query(c, "PRAGMA foreign_keys")).as("foreign keys are on again, as before the run").isEqualTo(1);
				// And the children reference the new table: the cascade still works.
				try (Statement s = c.createStatement()) {
					s.execute("DELETE FROM parent WHERE id = 1");
				}
				assertThat(query(c, "SELECT count(*) FROM child")).as(rebuild).isEqualTo(1);
			}
		}
	}

	@Test
	void droppingAReferencedTableForRealIsRolledBackNamingTheRowsAndWhatSqliteWouldHaveDone() throws Exception {
		for (String[] action : List.of(new String[] {"CASCADE", "deleted them (ON DELETE CASCADE)"},
				new String[] {"SET NULL", "set their reference to NULL (ON DELETE SET NULL)"},
				new String[] {"NO ACTION", "refused the DROP TABLE (ON DELETE NO ACTION)"})) {
			try (Db db = TestDatabase.SQLITE.create(); Connection c = connect(db, true)) {
				MigrationDir dir = schema(action[0]).migration("0002_drop_parent", "-- replaysafe:allow "
						+ "replay-undoes-later-change a replay of 0001 would create parent again; beside the point here\n"
						+ "DROP TABLE IF EXISTS parent;",
						"-- replaysafe:allow empty-down the test never rolls back\n");

				Throwable thrown = catchThrowable(() -> migrator(c, dir).migrate());

				assertThat(thrown).as(action[0]).isInstanceOf(MigrationException.class)
					.hasMessageContaining(dir.path() + "/0002_drop_parent.sql: refused to commit rows that reference nothing")
					.hasMessageContaining("dropping parent would leave 3 row(s) of child (rowid 10, 11, 12) pointing at "
							+ "nothing; with foreign keys on, SQLite would have " + action[1])
					.hasMessageContaining("nothing of this migration was applied and no row was lost");
				assertThat(query(c, "SELECT count(*) FROM parent")).as(action[0]).isEqualTo(2);
				assertThat(query(c, "SELECT count(*) FROM child WHERE parent_id IS NOT NULL")).as(action[0]).isEqualTo(3);
				assertThat(query(c, "SELECT count(*) FROM _sqlx_migrations")).as(action[0]).isEqualTo(1);
				assertThat(query(c, "PRAGMA foreign_keys")).as("on again after the rollback").isEqualTo(1);
			}
		}
	}

	@Test
	void rowsThatReferencedNothingBeforeTheMigrationDoNotStopIt() throws Exception {
		try (Db db = TestDatabase.SQLITE.create(); Connection c = connect(db, true)) {
			MigrationDir dir = schema("CASCADE");
			migrator(c, dir).migrate();
			try (Statement s = c.createStatement()) {
				s.execute("PRAGMA foreign_keys = OFF");
				s.execute("INSERT INTO child (id, parent_id) VALUES (13, 99)");
				s.execute("PRAGMA foreign_keys = ON");
			}
			dir.migration("0002_rebuild_parent", REBUILD, "-- replaysafe:allow empty-down the CHECK may stay\n");

			migrator(c, dir).migrate();

			assertThat(query(c, "SELECT count(*) FROM child")).isEqualTo(4);
		}
	}

	@Test
	void aConnectionWithForeignKeysOffIsLeftOff() throws Exception {
		try (Db db = TestDatabase.SQLITE.create(); Connection c = connect(db, false)) {
			MigrationDir dir = schema("CASCADE").migration("0002_rebuild_parent", DOCUMENTED_REBUILD,
					"-- replaysafe:allow empty-down the CHECK may stay\n");

			migrator(c, dir).migrate();

			assertThat(query(c, "SELECT count(*) FROM child")).isEqualTo(3);
			assertThat(query(c, "PRAGMA foreign_keys")).isZero();
		}
	}

	@Test
	void onPostgresThePragmaFailsClearlyAndNothingIsApplied() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = schema("CASCADE").migration("0002_rebuild_parent", DOCUMENTED_REBUILD,
					"-- replaysafe:allow empty-down the CHECK may stay\n");

			// Each migration in its own transaction (on an empty database the default groups them: GroupedRunTest).
			Throwable thrown = catchThrowable(() -> Migrator.builder(db.dataSource()).locations(dir.location())
				.group(GroupMode.NEVER).build().migrate());

			assertThat(thrown).isInstanceOf(MigrationException.class)
				.hasMessageContaining("Migration 2 failed at " + dir.path() + "/0002_rebuild_parent.sql:2: ")
				.hasMessageContaining("PRAGMA")
				.hasMessageContaining("Nothing of this migration was applied");
			assertThat(db.hasTable("parent_new")).isFalse();
			assertThat(db.queryLong("SELECT count(*) FROM child")).isEqualTo(3);
		}
	}

	private static MigrationDir schema(String onDelete) {
		return MigrationDir.create().migration("0001_schema", SCHEMA.formatted(onDelete),
				"DROP TABLE IF EXISTS child;\nDROP TABLE IF EXISTS parent;");
	}

	private static Migrator migrator(Connection c, MigrationDir dir) {
		return Migrator.builder(new OneConnection(c)).locations(dir.location()).build();
	}

	private static Connection connect(Db db, boolean foreignKeys) throws SQLException {
		SQLiteConfig config = new SQLiteConfig();
		config.enforceForeignKeys(foreignKeys);
		return DriverManager.getConnection(db.url(), config.toProperties());
	}

	private static long query(Connection c, String sql) throws SQLException {
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	/** Hands out one connection (its close does nothing), so the test sees the state the run left on it. */
	private record OneConnection(Connection c) implements DataSource {

		@Override
		public Connection getConnection() {
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
					(proxy, method, args) -> {
						if (method.getName().equals("close")) {
							return null;
						}
						if (method.getName().equals("isClosed")) {
							return false;
						}
						try {
							return method.invoke(c, args);
						}
						catch (InvocationTargetException e) {
							throw e.getCause();
						}
					});
		}

		@Override
		public Connection getConnection(String user, String password) {
			return getConnection();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			throw new SQLException("not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return false;
		}
	}
}
