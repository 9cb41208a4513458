package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.replaysafe.Audit.Category;
import dev.replaysafe.Audit.Database;
import dev.replaysafe.Audit.Rule;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

import org.junit.jupiter.api.Test;

/** The audit's target databases: portability rules apply only when the migrations must run on both. */
class AuditTargetTest {

	private static final String FILE = """
			CREATE TABLE notes (id INT);
			UPDATE notes SET id = 1 WHERE now() IS NOT NULL;
			UPDATE notes SET id = 2 WHERE datetime('now') IS NOT NULL;
			""";

	private static List<String> rules(Set<Database> databases) {
		return Audit.up(SqlFile.of("0001_x.sql", FILE), databases).stream().map(Finding::rule).toList();
	}

	@Test
	void withBothDatabasesEveryRuleApplies() {
		assertThat(rules(Audit.BOTH)).containsExactly("create-without-if-not-exists", "postgres-only-syntax",
				"sqlite-only-function");
		assertThat(Audit.up(SqlFile.of("0001_x.sql", FILE))).extracting(Finding::rule).hasSize(3);
	}

	@Test
	void withOneDatabaseThePortabilityRulesAreOffAndTheReplayRulesStay() {
		assertThat(rules(Set.of(Database.POSTGRESQL))).containsExactly("create-without-if-not-exists");
		assertThat(rules(Set.of(Database.SQLITE))).containsExactly("create-without-if-not-exists");
	}

	@Test
	void aWaiverOfARuleThatDoesNotApplyIsNeitherNeededNorReportedUnused() {
		SqlFile file = SqlFile.of("0001_x.sql", "-- replaysafe:allow postgres-only-syntax PostgreSQL only\n"
				+ "UPDATE notes SET id = 1 WHERE now() IS NOT NULL;");

		assertThat(Audit.up(file, Set.of(Database.POSTGRESQL))).isEmpty();
	}

	@Test
	void everyRuleIsReplayPortabilityOrOtherAndOnlyPortabilityDependsOnTheTargets() {
		for (Rule rule : Rule.values()) {
			assertThat(rule.appliesTo(Audit.BOTH)).isTrue();
			assertThat(rule.appliesTo(Set.of(Database.SQLITE))).as(rule.id()).isEqualTo(rule.category() != Category.PORTABILITY);
		}
		assertThat(Arrays.stream(Rule.values()).filter(r -> r.category() == Category.REPLAY)).isNotEmpty();
	}

	@Test
	void noTargetDatabaseIsAConfigurationError() {
		assertThatThrownBy(() -> Migrator.builder(new org.sqlite.SQLiteDataSource()).databases())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("replaysafe.databases");
	}

	@EachDatabase
	void aMigratorTargetingOneDatabaseAppliesItsOwnSyntaxAndStillRefusesReplayErrors(Db db) {
		Database own = db.kind() == TestDatabase.SQLITE ? Database.SQLITE : Database.POSTGRESQL;
		String function = own == Database.SQLITE ? "datetime('now')" : "now()";
		MigrationDir dir = MigrationDir.create().migration("0001_notes", "CREATE TABLE IF NOT EXISTS notes (id INT, at "
				+ "VARCHAR(40));\nUPDATE notes SET at = " + function + " WHERE at IS NULL;", "DROP TABLE IF EXISTS notes;");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("nothing was executed");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).databases(own).build();
		assertThat(migrator.databases()).containsExactly(own);
		assertThat(migrator.audit()).isEmpty();
		assertThat(migrator.migrate().applied()).hasSize(1);
		assertThat(db.hasTable("notes")).isTrue();

		dir.migration("0002_more", "CREATE TABLE more (id INT);", "DROP TABLE IF EXISTS more;");
		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).databases(own).build()
			.migrate()).isInstanceOf(MigrationException.class).hasMessageContaining("[create-without-if-not-exists]");
		assertThat(db.hasTable("more")).isFalse();
	}
}
