package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/** Applying the reference schema, on each database. */
class MigrateTest {

	@EachDatabase
	void appliesEveryReferenceMigrationInOrderAndRecordsIt(Db db) throws Exception {
		MigrateResult result = Migrator.builder(db.dataSource()).build().migrate();

		assertThat(result.applied()).extracting(MigrateResult.Applied::version)
			.containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
		assertThat(result.currentVersion()).isEqualTo(9L);
		assertThat(db.hasColumn("documents", "status")).isTrue();
		assertThat(db.hasColumn("documents", "legacy_ref")).isFalse();
		assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(3);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = TRUE")).isEqualTo(9);
	}

	@EachDatabase
	void recordsSqlxDescriptionAndSha384OfTheUpFileBytes(Db db) throws Exception {
		Migrator.builder(db.dataSource()).build().migrate();
		byte[] file = getClass().getClassLoader().getResourceAsStream("db/migrations/0004_add_document_status.sql")
			.readAllBytes();
		try (Connection c = db.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT description, checksum, execution_time FROM _sqlx_migrations "
						+ "WHERE version = 4")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getString(1)).isEqualTo("add document status");
			assertThat(rs.getBytes(2)).isEqualTo(MessageDigest.getInstance("SHA-384").digest(file));
			assertThat(rs.getLong(3)).isPositive();
		}
	}

	@EachDatabase
	void aSecondRunAppliesNothing(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		migrator.migrate();

		MigrateResult again = migrator.migrate();

		assertThat(again.applied()).isEmpty();
		assertThat(again.currentVersion()).isEqualTo(9L);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(9);
	}

	@EachDatabase
	void upsRunAgainWhenTheHistoryTableIsLost(Db db) {
		Migrator.builder(db.dataSource()).build().migrate();
		db.execute("INSERT INTO documents (id, workspace_id, title) VALUES ('d1', "
				+ "'00000000-0000-0000-0000-000000000001', 'Hello World')");
		db.execute("DROP TABLE _sqlx_migrations");

		MigrateResult replay = Migrator.builder(db.dataSource()).scratchDatabases(db.scratchDatabases()).build().migrate();

		assertThat(replay.applied()).hasSize(9);
		assertThat(db.queryLong("SELECT count(*) FROM workspaces")).isEqualTo(1);
		assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(3);
		assertThat(db.queryLong("SELECT count(*) FROM documents WHERE search_title = 'hello world'")).isEqualTo(1);
	}

	@EachDatabase
	void readsUpFilesNamedDotUpDotSqlAndTakesTheDescriptionFromTheName(Db db) {
		var dir = MigrationDir.create()
			.file("20240101120000_create_notes_table.up.sql", "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY);")
			.file("20240101120000_create_notes_table.down.sql", "DROP TABLE IF EXISTS notes;");

		MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(result.applied()).singleElement().satisfies(a -> {
			assertThat(a.version()).isEqualTo(20240101120000L);
			assertThat(a.description()).isEqualTo("create notes table");
		});
		assertThat(db.hasTable("notes")).isTrue();
	}

	@EachDatabase
	void usesAConfiguredHistoryTable(Db db) {
		Migrator.builder(db.dataSource()).table("schema_history").build().migrate();

		assertThat(db.hasTable("schema_history")).isTrue();
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
	}

	@EachDatabase
	void aTableNamedLikeTheHistoryTableButForANonAsciiLetterIsNotRefused(Db db) {
		// Java's equalsIgnoreCase takes the dotless ı for i; to both databases k\u0131t_history is another table.
		var dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS k\u0131t_history (id INT);", "DROP TABLE IF EXISTS k\u0131t_history;");
		var refused = MigrationDir.create()
			.migration("0001_a", "DROP TABLE IF EXISTS KIT_HISTORY;", "SELECT 1;");

		Migrator.builder(db.dataSource()).table("kit_history").locations(dir.location()).build().migrate();

		assertThat(db.hasTable("k\u0131t_history")).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM kit_history")).isEqualTo(1);
		try (Db other = db.kind().create()) {
			assertThatThrownBy(() -> Migrator.builder(other.dataSource())
				.table("kit_history").locations(refused.location()).build().migrate())
				.isInstanceOf(MigrationException.class).hasMessageContaining("0001_a.sql:1: names the history table");
		}
	}

	@EachDatabase
	void emulatesColumnGuardsSoPortableFilesReplay(Db db) {
		var dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY);\n"
					+ "ALTER TABLE t ADD COLUMN IF NOT EXISTS note VARCHAR(10);\n"
					+ "ALTER TABLE t ADD IF NOT EXISTS \"Quoted\" INT;\n"
					+ "ALTER TABLE t ADD COLUMN IF NOT EXISTS gone INT;\n"
					+ "ALTER TABLE t DROP COLUMN IF EXISTS gone;\n"
					+ "ALTER TABLE t DROP COLUMN IF EXISTS never_there;",
					"DROP TABLE IF EXISTS t;");
		for (int run = 0; run < 2; run++) {
			db.execute("DROP TABLE IF EXISTS _sqlx_migrations");
			Migrator.builder(db.dataSource()).locations(dir.location()).scratchDatabases(db.scratchDatabases()).build()
				.migrate();
		}
		assertThat(db.hasColumn("t", "note")).isTrue();
		assertThat(db.hasColumn("t", "Quoted")).isTrue();
		assertThat(db.hasColumn("t", "gone")).isFalse();
	}

	@EachDatabase
	void statusListsEveryMigrationWithItsState(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		assertThat(migrator.status()).extracting(MigrationStatus::state).containsOnly(MigrationStatus.State.PENDING);

		migrator.migrate();

		assertThat(migrator.status()).hasSize(9).allSatisfy(s -> {
			assertThat(s.state()).isEqualTo(MigrationStatus.State.APPLIED);
			assertThat(s.installedOn()).isNotNull();
			assertThat(s.hasDown()).isTrue();
			assertThat(s.checksum()).hasSize(96);
		});
	}

	@EachDatabase
	void noTransactionFilesRunStatementByStatement(Db db) {
		String index = db.kind() == TestDatabase.POSTGRES ? "-- replaysafe:allow postgres-only-syntax this set runs on "
				+ "PostgreSQL only\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_t ON t (x);"
				: "CREATE INDEX IF NOT EXISTS ix_t ON t (x);";
		var dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (x INT);", "DROP TABLE IF EXISTS t;")
			.migration("0002_index", "-- replaysafe:no-transaction\n" + index, "DROP INDEX IF EXISTS ix_t;");

		MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(result.applied()).hasSize(2);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE version = 2 AND success = TRUE"))
			.isEqualTo(1);
	}
}
