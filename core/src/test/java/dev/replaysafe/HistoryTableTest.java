package dev.replaysafe;

import dev.replaysafe.internal.dialect.Dialect;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * The history table is addressed quoted, lower-cased and schema-qualified: keywords are valid names,
 * a name created unquoted before is still found, and a migration's search_path does not move it.
 */
class HistoryTableTest {

	private static MigrationDir twoMigrations() {
		return MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT);", "DROP TABLE IF EXISTS b;");
	}

	@EachDatabase
	void historyTablesNamedLikeKeywordsOrInMixedCaseWorkForEveryOperation(Db db) {
		MigrationDir dir = twoMigrations();
		for (String table : List.of("user", "order", "select", "Schema_History")) {
			// A database of its own each: another name's history table would be a user table to this run.
			try (Db fresh = db.kind().create()) {
				Migrator migrator = Migrator.builder(fresh.dataSource()).locations(dir.location()).table(table).build();

				assertThat(migrator.migrate().applied()).as(table).hasSize(2);
				assertThat(migrator.migrate().applied()).as(table).isEmpty();
				assertThat(migrator.status()).as(table).extracting(MigrationStatus::state)
					.containsOnly(MigrationStatus.State.APPLIED);
				assertThat(Rollback.of(migrator).rollback(1).applied()).as(table)
					.extracting(MigrateResult.Applied::version).containsExactly(2L);
				assertThat(fresh.queryLong("SELECT count(*) FROM \"" + table.toLowerCase() + "\"")).as(table).isEqualTo(1);
				assertThat(fresh.hasTable(table.toLowerCase())).as(table).isTrue();
			}
		}
	}

	@EachDatabase
	void aMixedCaseHistoryTableCreatedUnquotedByAnEarlierVersionIsStillFound(Db db) throws Exception {
		MigrationDir dir = twoMigrations();
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).table("MyHistory").build();
		Dialect dialect;
		try (Connection c = db.connect(); Statement s = c.createStatement()) {
			dialect = Dialect.of(c);
			// What earlier versions ran: the configured name, unquoted.
			s.execute(dialect.historyTableDdl("MyHistory"));
			s.execute("CREATE TABLE a (id INT)");
			try (PreparedStatement insert = c.prepareStatement("INSERT INTO MyHistory (version, description, success, "
					+ "checksum, execution_time) VALUES (1, 'a', TRUE, ?, 1)")) {
				insert.setBytes(1, migrator.migrations().get(0).checksum());
				insert.executeUpdate();
			}
		}

		assertThat(migrator.migrate().applied()).extracting(MigrateResult.Applied::version).containsExactly(2L);

		assertThat(db.queryLong(db.kind() == TestDatabase.POSTGRES
				? "SELECT count(*) FROM pg_tables WHERE lower(tablename) = 'myhistory'"
				: "SELECT count(*) FROM sqlite_master WHERE lower(name) = 'myhistory'")).isEqualTo(1);
		assertThat(db.queryLong("SELECT count(*) FROM MyHistory")).isEqualTo(2);
	}

	@EachDatabase
	void aSchemaQualifiedHistoryTableIsUsedWhereverTheSearchPathPoints(Db db) {
		String schema = db.kind() == TestDatabase.POSTGRES ? "audit" : "main";
		if (db.kind() == TestDatabase.POSTGRES) {
			db.execute("CREATE SCHEMA audit");
		}
		MigrationDir dir = twoMigrations();
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).table(schema + ".History")
			.build();

		assertThat(migrator.migrate().applied()).hasSize(2);
		assertThat(migrator.migrate().applied()).isEmpty();
		assertThat(db.queryLong("SELECT count(*) FROM " + schema + ".history")).isEqualTo(2);
	}

	/** PostgreSQL only: SQLite has no search_path. */
	@Test
	void aMigrationThatChangesTheSearchPathDoesNotMoveTheHistoryTable() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			aMigrationThatChangesTheSearchPathDoesNotMoveTheHistoryTable(db);
		}
	}

	private static void aMigrationThatChangesTheSearchPathDoesNotMoveTheHistoryTable(Db db) {
		db.execute("CREATE SCHEMA elsewhere");
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "SET search_path = elsewhere;\nCREATE TABLE IF NOT EXISTS a (id INT);",
					"DROP TABLE IF EXISTS a;")
			.migration("0002_b", "-- replaysafe:no-transaction\nSET search_path = elsewhere;\n"
					+ "CREATE TABLE IF NOT EXISTS b (id INT);", "DROP TABLE IF EXISTS b;")
			.migration("0003_c", "CREATE TABLE IF NOT EXISTS c (id INT);", "DROP TABLE IF EXISTS c;");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).build();

		assertThat(migrator.migrate().applied()).hasSize(3);

		assertThat(db.queryLong("SELECT count(*) FROM public._sqlx_migrations WHERE success")).isEqualTo(3);
		assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = '_sqlx_migrations'")).isEqualTo(1);
		assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'elsewhere' "
				+ "AND tablename IN ('a', 'b', 'c')")).isEqualTo(3);
		assertThat(migrator.migrate().applied()).isEmpty();
		assertThat(Rollback.of(migrator).rollback(0).applied()).hasSize(3);
		assertThat(db.queryLong("SELECT count(*) FROM public._sqlx_migrations")).isZero();
	}

	/** PostgreSQL only: an unqualified name resolves through the search_path, as sqlx's does. */
	@Test
	void anExistingHistoryTableLaterInTheSearchPathIsFoundNotCreatedAgain() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			anExistingHistoryTableLaterInTheSearchPathIsFoundNotCreatedAgain(db);
		}
	}

	private static void anExistingHistoryTableLaterInTheSearchPathIsFoundNotCreatedAgain(Db db) {
		MigrationDir dir = twoMigrations();
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		db.execute("CREATE SCHEMA first", "ALTER DATABASE " + db.url().replaceAll(".*/([^?]+).*", "$1")
				+ " SET search_path = first, public");

		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate().applied()).isEmpty();
		assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = '_sqlx_migrations'")).isEqualTo(1);
	}
}
