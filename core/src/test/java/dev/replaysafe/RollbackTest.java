package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

class RollbackTest {

	@EachDatabase
	void runsDownsInStrictReverseOrderToTheTarget(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		migrator.migrate();

		MigrateResult result = Rollback.of(migrator).rollback(4);

		assertThat(result.applied()).extracting(MigrateResult.Applied::version).containsExactly(9L, 8L, 7L, 6L, 5L);
		assertThat(result.currentVersion()).isEqualTo(4L);
		assertThat(db.hasTable("tags")).isFalse();
		assertThat(db.hasTable("memberships")).isFalse();
		assertThat(db.hasColumn("documents", "legacy_ref")).isTrue();
		assertThat(db.hasColumn("documents", "search_title")).isFalse();
		assertThat(db.hasColumn("documents", "status")).isTrue();
		assertThat(db.queryLong("SELECT count(*) FROM workspaces")).isZero();
		assertThat(migrator.status()).extracting(MigrationStatus::state).containsSubsequence(
				MigrationStatus.State.APPLIED, MigrationStatus.State.PENDING);
	}

	@EachDatabase
	void rollingBackToZeroLeavesTheBaselineAndUpsRedo(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		migrator.migrate();

		assertThat(Rollback.of(migrator).rollback(0).currentVersion()).isNull();
		for (String table : new String[] {"workspaces", "users", "documents", "memberships", "tags", "document_tags"}) {
			assertThat(db.hasTable(table)).as(table).isFalse();
		}
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isZero();

		assertThat(migrator.migrate().applied()).hasSize(9);
	}

	@EachDatabase
	void aTargetAtOrAboveTheCurrentVersionDoesNothing(Db db) {
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		migrator.migrate();

		assertThat(Rollback.of(migrator).rollback(9).applied()).isEmpty();
		assertThat(Rollback.of(migrator).rollback(100).applied()).isEmpty();
	}
}
