package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.PostgresServer;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/** A database with user objects but no history: a lost history, another tool's schema, a baseline; and drift. */
class ExistingDatabaseTest {

	static final String NOTES = "CREATE TABLE IF NOT EXISTS notes (id INT PRIMARY KEY, title VARCHAR(100) NOT NULL, "
			+ "status VARCHAR(10) DEFAULT 'new' CHECK (status IN ('new', 'done')));";
	static final String INDEX = "CREATE INDEX IF NOT EXISTS ix_notes_title ON notes (title);";
	static final String TAGS = "CREATE TABLE IF NOT EXISTS tags (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL);\n"
			+ "INSERT INTO tags (id, name) VALUES (1, 'first') ON CONFLICT (id) DO NOTHING;";

	static MigrationDir files() {
		return MigrationDir.create()
			.migration("0001_notes", NOTES, "DROP TABLE IF EXISTS notes;")
			.migration("0002_notes_title", INDEX, "DROP INDEX IF EXISTS ix_notes_title;")
			.migration("0003_tags", TAGS, "DROP TABLE IF EXISTS tags;");
	}

	static Migrator.Builder migrator(Db db, MigrationDir dir) {
		return Migrator.builder(db.dataSource()).locations(dir.location()).scratchDatabases(db.scratchDatabases());
	}

	// ---- lost history ----

	@EachDatabase
	void aDroppedHistoryTableRecoversByItselfAndTheHistoryIsRewritten(Db db) {
		MigrationDir dir = files();
		migrator(db, dir).build().migrate();
		db.execute("INSERT INTO notes (id, title) VALUES (7, 'kept')");
		db.execute("DROP TABLE _sqlx_migrations");

		MigrateResult recovered = migrator(db, dir).build().migrate();

		assertThat(recovered.applied()).extracting(MigrateResult.Applied::version).containsExactly(1L, 2L, 3L);
		assertThat(recovered.currentVersion()).isEqualTo(3L);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = TRUE")).isEqualTo(3);
		assertThat(db.queryLong("SELECT count(*) FROM notes WHERE title = 'kept'")).isEqualTo(1);
		assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(1);
		assertThat(migrator(db, dir).build().migrate().applied()).isEmpty();
		assertThat(migrator(db, dir).build().status()).extracting(MigrationStatus::state)
			.containsOnly(MigrationStatus.State.APPLIED);
	}

	@EachDatabase
	void aForeignSchemaWhoseShapeDiffersIsRefusedAndLeftExactlyAsFound(Db db) {
		MigrationDir dir = files();
		// Built by another tool: tags has another shape; the ups run without error on it (IF NOT EXISTS skips it).
		db.execute("CREATE TABLE tags (id INT PRIMARY KEY, name TEXT, color TEXT)");

		for (int start = 0; start < 2; start++) {
			assertThatThrownBy(() -> migrator(db, dir).build().migrate()).isInstanceOf(MigrationException.class)
				.hasMessageContaining("No history table _sqlx_migrations, and after replaying every up the schema is "
						+ "not what the migrations build")
				.hasMessageContaining("Nothing was changed: the replay was rolled back, and no history was written, "
						+ "so the next start gives the same answer")
				.hasMessageContaining("replaysafe.baseline-version=N")
				.hasMessageContaining("table tags: column color (TEXT NULL) is in the live database only; no migration "
						+ "creates it")
				.hasMessageContaining("table tags: column name: expected VARCHAR(20) NOT NULL, live TEXT NULL");
			assertThat(db.hasTable("_sqlx_migrations")).isFalse();
			assertThat(db.hasTable("notes")).as("the replay was rolled back").isFalse();
			assertThat(db.queryLong("SELECT count(*) FROM tags")).isZero();
		}
	}

	@EachDatabase
	void aForeignSchemaTheUpsCannotRunOnIsRefusedAndLeftExactlyAsFound(Db db) {
		db.execute("CREATE TABLE notes (id INT PRIMARY KEY, body TEXT)");

		assertThatThrownBy(() -> migrator(db, files()).build().migrate()).isInstanceOf(MigrationException.class)
			.hasMessageContaining("replaying the ups on it failed, so this database was most likely not built by these "
					+ "migrations")
			.hasMessageContaining("The whole replay was rolled back: nothing was changed, and no history was written")
			.hasMessageContaining("replaysafe.baseline-version=N")
			.hasMessageContaining("0002_notes_title.sql:1");
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
		assertThat(db.hasColumn("notes", "title")).isFalse();
	}

	@Test
	void onPostgresWithoutScratchDatabasesALostHistoryIsRefusedSayingWhatToConfigure() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = files();
			migrator(db, dir).build().migrate();
			db.execute("DROP TABLE _sqlx_migrations");

			assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
				.isInstanceOf(MigrationException.class)
				.hasMessageContaining("either the history was lost or this database was built by another tool")
				.hasMessageContaining("Migrator.Builder.scratchDatabases(ScratchDatabases.postgres(url, user, password))")
				.hasMessageContaining("spring.datasource.url")
				.hasMessageContaining("Nothing was changed")
				.hasMessageContaining("replaysafe.baseline-version=N");
			assertThat(db.hasTable("_sqlx_migrations")).isFalse();
		}
	}

	@Test
	void onPostgresWithoutCreatedbTheChecksSayThatRightIsMissing() {
		String[] limitedRole = PostgresServer.withoutCreatedb();
		try (Db db = TestDatabase.POSTGRES.create()) {
			MigrationDir dir = files();
			migrator(db, dir).build().migrate();
			db.execute("DROP TABLE _sqlx_migrations");
			// The test role owns the tables; the limited role only reads the catalog before it is refused.
			String database = db.url().replaceFirst("^jdbc:postgresql://[^/]+/([^?]*).*$", "$1");
			String url = limitedRole[0] + database;
			PGSimpleDataSource limited = new PGSimpleDataSource();
			limited.setURL(url);
			limited.setUser(limitedRole[1]);
			limited.setPassword(limitedRole[2]);
			Migrator asLimited = Migrator.builder(limited).locations(dir.location())
				.scratchDatabases(ScratchDatabases.postgres(url, limitedRole[1], limitedRole[2])).build();

			assertThatThrownBy(() -> DriftCheck.of(asLimited).check()).isInstanceOf(MigrationException.class)
				.hasMessageContaining("The drift check cannot run: Could not create a scratch PostgreSQL database")
				.hasMessageContaining("the application's database role " + limitedRole[1] + " lacks the right CREATEDB; "
						+ "grant it (ALTER ROLE " + limitedRole[1] + " CREATEDB)");
			assertThatThrownBy(asLimited::migrate).isInstanceOf(MigrationException.class)
				.hasMessageContaining("lacks the right CREATEDB")
				.hasMessageContaining("Nothing was changed")
				.hasMessageContaining("replaysafe.baseline-version=N");
			assertThat(db.hasTable("_sqlx_migrations")).isFalse();
		}
	}

	// ---- drift ----

	@EachDatabase
	void theDriftCheckFindsNothingOnADatabaseTheMigrationsBuilt(Db db) {
		Migrator migrator = migrator(db, files()).build();
		migrator.migrate();

		DriftReport report = DriftCheck.of(migrator).check();

		assertThat(report.drifted()).isFalse();
		assertThat(report.migrations()).isEqualTo(3);
		assertThat(report.toString()).endsWith("(3 migrations): the live schema is what the migrations build");
	}

	@EachDatabase
	void theDriftCheckReportsAColumnAddedAnIndexDroppedADefaultChangedAndACheckDropped(Db db) {
		Migrator migrator = migrator(db, files()).build();
		migrator.migrate();
		db.execute("ALTER TABLE tags ADD COLUMN color TEXT", "DROP INDEX ix_notes_title");
		if (db.kind() == TestDatabase.SQLITE) {
			// SQLite cannot alter a default or drop a constraint: the table is rebuilt, as tools do.
			db.execute("CREATE TABLE notes_new (id INT PRIMARY KEY, title VARCHAR(100) NOT NULL, status VARCHAR(10) "
					+ "DEFAULT 'done')", "DROP TABLE notes", "ALTER TABLE notes_new RENAME TO notes");
		}
		else {
			db.execute("ALTER TABLE notes ALTER COLUMN status SET DEFAULT 'done'",
					"ALTER TABLE notes DROP CONSTRAINT notes_status_check");
		}

		DriftReport report = DriftCheck.of(migrator).check();

		assertThat(report.drifted()).isTrue();
		List<String> lines = report.differences();
		assertThat(lines).contains(
				"table tags: column color (TEXT NULL) is in the live database only; no migration creates it",
				"index ix_notes_title on notes (title) is missing from the live database; the migrations create it");
		assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("table notes: column status: expected VARCHAR(10) "
				+ "NULL DEFAULT 'new'").contains(", live VARCHAR(10) NULL DEFAULT 'done'"));
		assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("table notes: CHECK (")
				.contains("status").endsWith(" is missing from the live database; the migrations create it"));
		assertThat(lines).hasSize(4);
		assertThat(report.toString()).contains("4 difference(s) between what the migrations build and the live schema");
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).as("read only").isEqualTo(3);
	}

	@Test
	void onPostgresTheDriftCheckWithoutScratchDatabasesSaysHowToConfigureThem() {
		try (Db db = TestDatabase.POSTGRES.create()) {
			Migrator migrator = Migrator.builder(db.dataSource()).locations(files().location()).build();
			assertThatThrownBy(() -> DriftCheck.of(migrator).check()).isInstanceOf(MigrationException.class)
				.hasMessageContaining("The drift check cannot run")
				.hasMessageContaining("Migrator.Builder.scratchDatabases(ScratchDatabases.postgres(url, user, password))");
		}
	}

	@EachDatabase
	void scratchPostgresDatabasesAreDropped(Db db) {
		Migrator migrator = migrator(db, files()).build();
		migrator.migrate();
		DriftCheck.of(migrator).check();
		if (db.kind() == TestDatabase.POSTGRES) {
			assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'replaysafe_scratch_"
					+ ProcessHandle.current().pid() + "_%'")).isZero();
		}
	}

	// ---- baseline ----

	@EachDatabase
	void aBaselineAdoptsADatabaseBuiltByHandAndAppliesTheMigrationsAboveIt(Db db) throws Exception {
		MigrationDir dir = files();
		db.execute(NOTES, INDEX, "INSERT INTO notes (id, title) VALUES (1, 'by hand')");

		MigrateResult result = migrator(db, dir).baselineVersion(2).build().migrate();

		assertThat(result.applied()).extracting(MigrateResult.Applied::version).containsExactly(3L);
		assertThat(result.currentVersion()).isEqualTo(3L);
		Migrator migrator = migrator(db, dir).baselineVersion(2).build();
		assertThat(migrator.status()).extracting(MigrationStatus::state).containsExactly(MigrationStatus.State.BASELINE,
				MigrationStatus.State.BASELINE, MigrationStatus.State.APPLIED);
		assertThat(migrator.status().get(0).executionTimeMs()).isNull();
		// sqlx's columns only: success, the file's checksum (what sqlx compares), execution_time -1 marks the baseline.
		try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
				"SELECT success, checksum, execution_time FROM _sqlx_migrations WHERE version = 1")) {
			assertThat(rs.next()).isTrue();
			assertThat(rs.getBoolean(1)).isTrue();
			assertThat(rs.getBytes(2)).isEqualTo(MessageDigest.getInstance("SHA-384").digest(
					NOTES.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
			assertThat(rs.getLong(3)).isEqualTo(-1);
		}
		assertThat(DriftCheck.of(migrator).check().drifted()).isFalse();
		assertThat(migrator.migrate().applied()).as("ignored once the history has rows").isEmpty();
		assertThat(db.queryLong("SELECT count(*) FROM notes")).isEqualTo(1);
	}

	@EachDatabase
	void aBaselineIsIgnoredOnAnEmptySchemaWhichTheMigrationsBuild(Db db) {
		MigrateResult result = migrator(db, files()).baselineVersion(2).build().migrate();

		assertThat(result.applied()).hasSize(3);
		assertThat(db.hasTable("notes")).isTrue();
	}

	@EachDatabase
	void aBaselineAboveEveryFileIsRefusedBeforeAnythingIsWritten(Db db) {
		db.execute(NOTES);

		assertThatThrownBy(() -> migrator(db, files()).baselineVersion(30).build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("replaysafe.baseline-version 30 (Migrator.Builder.baselineVersion) is above every "
					+ "migration file (the highest is 3)");
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
	}

	@Test
	void aNegativeBaselineIsRefusedWhenConfigured() {
		assertThatThrownBy(() -> Migrator.builder(TestDatabase.SQLITE.create().dataSource()).baselineVersion(-1))
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("The baseline version -1 is negative; set replaysafe.baseline-version");
	}
}
