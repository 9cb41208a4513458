package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.replaysafe.internal.audit.Preflight;
import dev.replaysafe.internal.dialect.SqliteDialect;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * A cold run lexes each pending up once for its pre-run checks and its apply (the statements are
 * kept in between), and once for the audit, which caches its findings; each down once, for the audit.
 */
class LexedOnceTest {

	private static MigrationDir threeMigrations() {
		return MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS a;")
			.migration("0002_b", "CREATE TABLE IF NOT EXISTS b (id INT PRIMARY KEY);\n"
					+ "INSERT INTO b (id) VALUES (1) ON CONFLICT DO NOTHING;", "DROP TABLE IF EXISTS b;")
			.migration("0003_c", "CREATE TABLE IF NOT EXISTS c (id INT PRIMARY KEY);", "DROP TABLE IF EXISTS c;");
	}

	@EachDatabase
	void aColdRunLexesEachUpTwiceAndEachDownOnce(Db db) {
		for (GroupMode group : List.of(GroupMode.EMPTY, GroupMode.NEVER)) {
			MigrationDir dir = threeMigrations();
			Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).group(group).build();
			migrator.migrations();
			long before = SqlScript.filesLexed();

			assertThat(migrator.migrate().applied()).as(group.name()).hasSize(3);

			assertThat(SqlScript.filesLexed() - before).as(group + ": 3 ups x (pre-run checks and apply, audit) + 3 downs")
				.isEqualTo(9);
			db.execute("DROP TABLE a", "DROP TABLE b", "DROP TABLE c", "DROP TABLE _sqlx_migrations");
		}
	}

	@Test
	void theStatementsKeptForTheApplyAreTheLexersAndStopAtTheBudget() {
		MigrationDir dir = threeMigrations();
		List<Migration> set = Migration.load(List.of(dir.location()), getClass().getClassLoader());
		int first = set.get(0).up().text().length();

		Map<SqlFile, List<SqlStatement>> kept = Preflight.upsKeeping(set, "_sqlx_migrations", new SqliteDialect(),
				first + 1);

		assertThat(kept).containsOnlyKeys(set.get(0).up());
		assertThat(kept.get(set.get(0).up())).isEqualTo(SqlScript.parse(set.get(0).up().location(),
				set.get(0).up().text()).statements());
		assertThat(Preflight.upsKeeping(set, "_sqlx_migrations", new SqliteDialect(), Long.MAX_VALUE)).hasSize(3)
			.extractingByKey(set.get(1).up()).asList().hasSize(2);
		assertThat(Preflight.upsKeeping(set, "_sqlx_migrations", new SqliteDialect(), 0)).isEmpty();
	}
}
