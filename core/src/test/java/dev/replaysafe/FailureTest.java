package dev.replaysafe;

import dev.replaysafe.internal.dialect.PostgresDialect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/** A failing migration, a changed file, a bad configuration: clear errors, nothing half done. */
class FailureTest {

	private static MigrationDir threeMigrations(String second) {
		return MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", second, "DROP TABLE IF EXISTS b;")
			.migration("0003_c", "CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS c;");
	}

	@EachDatabase
	void aFailingMigrationLeavesNothingOfItselfAndTheNextRunResumesAfterTheFix(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);\n"
				+ "INSERT INTO b (id) VALUES (1) ON CONFLICT DO NOTHING;\n\n"
				+ "INSERT INTO no_such_table (id) VALUES (1) ON CONFLICT DO NOTHING;\n");
		// Each migration in its own transaction (on an empty database the default groups them: GroupedRunTest).
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).group(GroupMode.NEVER).build();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
			.hasMessageContaining("Migration 2 failed at " + dir.path() + "/0002_b.sql:4: ")
			.hasMessageContaining("no_such_table")
			.hasMessageContaining("Nothing of this migration was applied");
		assertThat(db.hasTable("a")).isTrue();
		assertThat(db.hasTable("b")).isFalse();
		assertThat(db.hasTable("c")).isFalse();
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(1);

		dir.file("0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);");
		MigrateResult fixed = Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(fixed.applied()).extracting(MigrateResult.Applied::version).containsExactly(2L, 3L);
		assertThat(db.hasTable("c")).isTrue();
	}

	@EachDatabase
	void theErrorPointsAtTheLineInsideAMultiLineStatement(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (\n  id INT PRIMARY KEY,\n  x NOSUCHTYPE(\n);");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.hasMessageContaining("0002_b.sql:" + (db.kind() == dev.replaysafe.testing.TestDatabase.POSTGRES ? 4 : 1) + ": ");
	}

	@EachDatabase
	void theErrorLineCountsCharactersAsPostgresDoesSoEmojiBeforeTheErrorDoNotShiftIt(Db db) {
		// PostgreSQL's position counts characters; each emoji is two UTF-16 units in Java: counted as
		// units, the 20 of line 2 would move the error from line 4 back to line 2.
		String emoji = "\uD83D\uDE00".repeat(10) + "\uD834\uDD1E".repeat(10);
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (\n  note VARCHAR(50) DEFAULT '" + emoji
				+ "',\n  x NOSUCHTYPE(\n);");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.hasMessageContaining("0002_b.sql:" + (db.kind() == dev.replaysafe.testing.TestDatabase.POSTGRES ? 4 : 1) + ": ")
			.hasMessageContaining(emoji);
	}

	@org.junit.jupiter.api.Test
	void aServerPositionIsMappedToTheOffsetOfThatCharacter() {
		String sql = "a\uD83D\uDE00b\uD834\uDD1Ec";

		assertThat(PostgresDialect.offsetOfCharacter(sql, 0)).isEqualTo(0);
		assertThat(PostgresDialect.offsetOfCharacter(sql, 2)).isEqualTo(3);
		assertThat(PostgresDialect.offsetOfCharacter(sql, 4)).isEqualTo(6);
		assertThat(PostgresDialect.offsetOfCharacter(sql, 99)).isEqualTo(sql.length());
	}

	@EachDatabase
	void aChangedAppliedFileStopsTheRunNamingVersionFileAndBothChecksums(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		String before = SqlFile.hex(SqlFile.of("x", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);").checksum());
		dir.file("0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id BIGINT PRIMARY KEY);");
		String after = SqlFile.hex(SqlFile.of("x", "CREATE TABLE IF NOT EXISTS b (id BIGINT PRIMARY KEY);").checksum());
		dir.migration("0004_d", "CREATE TABLE IF NOT EXISTS d (id INT);", "DROP TABLE IF EXISTS d;");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("migration 2 (" + dir.path() + "/0002_b.sql) has changed since it was applied")
			.hasMessageContaining("recorded checksum " + before)
			.hasMessageContaining("file checksum " + after);
		assertThat(db.hasTable("d")).isFalse();
		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().status())
			.filteredOn(s -> s.version() == 2).extracting(MigrationStatus::state)
			.containsExactly(MigrationStatus.State.CHECKSUM_MISMATCH);
	}

	@EachDatabase
	void checksumValidationCanBeTurnedOff(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		dir.file("0002_b.sql", "CREATE TABLE IF NOT EXISTS b (id BIGINT PRIMARY KEY);");

		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).validateChecksums(false).build().migrate()
			.applied()).isEmpty();
	}

	@EachDatabase
	void aFileWhoseLineEndsChangedIsTheSameMigration(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (\n  id INT PRIMARY KEY\n);\n");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		dir.file("0002_b.sql", "CREATE TABLE IF NOT EXISTS b (\r\n  id INT PRIMARY KEY\r\n);\r\n");

		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate().applied()).isEmpty();
	}

	@EachDatabase
	void anAppliedVersionWithoutAFileBelowTheHighestFileStopsTheRunUnlessIgnored(Db db) {
		MigrationDir dir = threeMigrations("CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		dir.delete("0002_b.sql").delete("0002_b.down.sql");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.hasMessageContaining("migration 2 (b) is applied in the database but no file has this version")
			.hasMessageContaining("replaysafe.ignore-missing");
		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).ignoreMissing(true).build().migrate()
			.applied()).isEmpty();
		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().status())
			.extracting(MigrationStatus::state).containsExactly(MigrationStatus.State.APPLIED,
					MigrationStatus.State.MISSING_FILE, MigrationStatus.State.APPLIED);
	}

	@EachDatabase
	void aHistoryTableNameWithSqlInItIsRejectedBeforeAnythingRuns(Db db) {
		for (String bad : List.of("x; DROP TABLE a", "\"quoted\"", "a.b.c", "", "1abc")) {
			assertThatThrownBy(() -> Migrator.builder(db.dataSource()).table(bad).build())
				.isInstanceOf(MigrationException.class).hasMessageContaining("is not a valid identifier");
		}
		assertThat(db.hasTable("_sqlx_migrations")).isFalse();
	}
}
