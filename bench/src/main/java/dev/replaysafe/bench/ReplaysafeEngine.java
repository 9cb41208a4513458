package dev.replaysafe.bench;

import dev.replaysafe.GroupMode;
import dev.replaysafe.Migrator;

/** replaysafe as an application runs it: a Migrator on the driver's DataSource, default options (audit on). */
final class ReplaysafeEngine {

	private ReplaysafeEngine() {
	}

	static Migrator migrator(Database db, MigrationSet set) {
		return Migrator.builder(db.dataSource()).locations("filesystem:" + set.replaysafe()).build();
	}

	static void migrate(Database db, MigrationSet set) {
		migrator(db, set).migrate();
	}

	/** Each migration in its own transaction, as before issue 14 (the default groups an empty database). */
	static void migrateOneByOne(Database db, MigrationSet set) {
		Migrator.builder(db.dataSource()).locations("filesystem:" + set.replaysafe()).group(GroupMode.NEVER).build()
			.migrate();
	}
}
