package dev.replaysafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * A rolling deploy, or a release rolled back: the older build's files (1..3) start against a
 * database the newer build's files (1..5) migrated. The old build starts on the newer schema.
 */
class RollingDeployTest {

	private static MigrationDir build(int upTo) {
		MigrationDir dir = MigrationDir.create();
		for (int v = 1; v <= upTo; v++) {
			dir.migration(String.format("%04d_t%d", v, v), "CREATE TABLE IF NOT EXISTS t" + v + " (id INT PRIMARY KEY);",
					"DROP TABLE IF EXISTS t" + v + ";");
		}
		return dir;
	}

	@EachDatabase
	void anOlderBuildStartsOnANewerSchemaWithOneWarningNamingTheFutureVersions(Db db) {
		MigrationDir older = build(3);
		MigrationDir newer = build(5);
		Migrator.builder(db.dataSource()).locations(older.location()).build().migrate();
		assertThat(Migrator.builder(db.dataSource()).locations(newer.location()).build().migrate().applied()).hasSize(2);

		Logger logger = (Logger) LoggerFactory.getLogger(Migrator.class);
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		MigrateResult result;
		try {
			result = Migrator.builder(db.dataSource()).locations(older.location()).build().migrate();
		}
		finally {
			logger.detachAppender(logged);
		}
		assertThat(result.applied()).isEmpty();
		assertThat(result.currentVersion()).isEqualTo(5);
		assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN)
			.extracting(ILoggingEvent::getFormattedMessage)
			.singleElement()
			.satisfies(m -> assertThat(m).contains("database is ahead of this build").contains("[4, 5]"));
		assertThat(Migrator.builder(db.dataSource()).locations(older.location()).build().status())
			.extracting(MigrationStatus::version, MigrationStatus::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1L, MigrationStatus.State.APPLIED),
					org.assertj.core.groups.Tuple.tuple(2L, MigrationStatus.State.APPLIED),
					org.assertj.core.groups.Tuple.tuple(3L, MigrationStatus.State.APPLIED),
					org.assertj.core.groups.Tuple.tuple(4L, MigrationStatus.State.FUTURE),
					org.assertj.core.groups.Tuple.tuple(5L, MigrationStatus.State.FUTURE));
		assertThat(db.hasTable("t5")).as("nothing of the newer schema is touched").isTrue();
	}

	@EachDatabase
	void ignoreFutureFalseRefusesTheOlderBuildNamingTheProperty(Db db) {
		MigrationDir older = build(3);
		Migrator.builder(db.dataSource()).locations(build(5).location()).build().migrate();

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(older.location()).ignoreFuture(false)
			.build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("migration 4 (t4) is applied in the database above every file of this build")
			.hasMessageContaining("migration 5 (t5)")
			.hasMessageContaining("replaysafe.ignore-future=true");
	}

	@EachDatabase
	void aMissingVersionBelowTheHighestFileStillStopsTheOlderBuild(Db db) {
		Migrator.builder(db.dataSource()).locations(build(5).location()).build().migrate();
		MigrationDir gap = build(3).delete("0002_t2.sql").delete("0002_t2.down.sql");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(gap.location()).build().migrate())
			.hasMessageContaining("migration 2 (t2) is applied in the database but no file has this version")
			.hasMessageNotContaining("migration 4");
	}

	@EachDatabase
	void anOlderBuildWithAPendingFileOfItsOwnStillAppliesIt(Db db) {
		// The newer build skipped nothing: the older build's own file 3 is pending below the future versions.
		Migrator.builder(db.dataSource()).locations(build(5).delete("0003_t3.sql").delete("0003_t3.down.sql")
			.location()).ignoreMissing(false).build().migrate();
		MigrateResult result = Migrator.builder(db.dataSource()).locations(build(3).location()).build().migrate();

		assertThat(result.applied()).extracting(MigrateResult.Applied::version).containsExactly(3L);
		assertThat(db.hasTable("t3")).isTrue();
	}
}
