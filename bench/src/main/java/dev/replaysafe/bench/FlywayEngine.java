package dev.replaysafe.bench;

import org.flywaydb.core.Flyway;

/** Flyway through its Java API, default options (validate on migrate, one transaction per migration). */
final class FlywayEngine {

	private FlywayEngine() {
	}

	static void migrate(Database db, MigrationSet set) {
		Flyway.configure()
				.dataSource(db.url(), null, null)
				.locations("filesystem:" + set.flyway())
				.load()
				.migrate();
	}
}
