package dev.replaysafe.bench;

import dev.replaysafe.internal.sql.SqlScript;
import java.nio.file.Path;
import java.util.List;

import dev.replaysafe.Migration;
import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's smoke test (the benchmark itself runs only from scripts/bench): the generated
 * set is one core accepts, and each engine adapter applies a small set, then finds nothing to do.
 */
class EnginesTest {

	private static final int N = 5;

	@TempDir
	static Path dir;

	private static MigrationSet set;

	@BeforeAll
	static void writeSet() throws Exception {
		System.setProperty("liquibase.analytics.enabled", "false");
		set = MigrationSet.write(dir.resolve("set"), N);
	}

	@Test
	void generatedSetIsValidForCoreWithADownForEachUp() {
		List<Migration> migrations = MigrationSource.load(List.of("filesystem:" + set.replaysafe()),
				getClass().getClassLoader());
		assertThat(migrations).extracting(Migration::version).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(migrations).allSatisfy(m -> {
			assertThat(SqlScript.parse(m.up().location(), m.up().text()).statements()).hasSize(3);
			assertThat(SqlScript.parse(m.down().location(), m.down().text()).statements()).hasSize(2);
		});
	}

	@EachDatabase
	void rawJdbcAppliesTheSetAndReplaysItHarmlessly(Db db) throws Exception {
		appliesTwice("jdbc", db, null);
	}

	@EachDatabase
	void replaysafeAppliesTheSetThenFindsNothingPending(Db db) throws Exception {
		appliesTwice("replaysafe", db, "_sqlx_migrations");
	}

	@EachDatabase
	void replaysafeOneMigrationAtATimeAppliesTheSetThenFindsNothingPending(Db db) throws Exception {
		appliesTwice("replaysafe-never", db, "_sqlx_migrations");
	}

	@EachDatabase
	void flywayAppliesTheSetThenFindsNothingPending(Db db) throws Exception {
		appliesTwice("flyway", db, "flyway_schema_history WHERE version IS NOT NULL");
	}

	@EachDatabase
	void liquibaseAppliesTheSetThenFindsNothingPending(Db db) throws Exception {
		appliesTwice("liquibase", db, "databasechangelog");
	}

	@EachDatabase
	void theWarmFloorReadsTheHistoryReplaysafeWroteAndNoticesARowMissing(Db db) throws Exception {
		appliesTwice("history-read", db, "_sqlx_migrations");
		db.execute("DELETE FROM _sqlx_migrations WHERE version = 3");
		Database target = new Database(Database.Kind.valueOf(db.kind().name()), db.url());
		assertThatThrownBy(() -> Engine.of("history-read").migrate(target, set)).hasMessage("4 of 5 applied");
	}

	private static void appliesTwice(String engine, Db db, String history) throws Exception {
		Database target = new Database(Database.Kind.valueOf(db.kind().name()), db.url());
		for (int run = 1; run <= 2; run++) {
			Engine.of(engine).migrate(target, set);
			assertThat(target.hasTable(MigrationSet.table(N))).isTrue();
			assertThat(db.queryLong("SELECT count(*) FROM " + MigrationSet.table(N))).isEqualTo(3);
			if (history != null) {
				assertThat(db.queryLong("SELECT count(*) FROM " + history)).as("history rows after run " + run).isEqualTo(N);
			}
		}
	}
}
