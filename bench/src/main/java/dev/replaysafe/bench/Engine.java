package dev.replaysafe.bench;

import java.util.List;

/**
 * A migration tool under test: applies a {@link MigrationSet} to a {@link Database}. Each
 * adapter is its own class, loaded only when chosen, so a child JVM loads one tool's classes.
 */
@FunctionalInterface
public interface Engine {

	/**
	 * The engines, in the order the tables list them; raw JDBC is the floor. Also accepted by
	 * {@code --engines}: {@code replaysafe-never}, replaysafe with each migration in its own
	 * transaction ({@code replaysafe.group=never}; the default groups an empty database), and
	 * {@code history-read}, the warm floor ({@link HistoryReadEngine}).
	 */
	List<String> NAMES = List.of("jdbc", "replaysafe", "flyway", "liquibase");

	void migrate(Database db, MigrationSet set) throws Exception;

	static Engine of(String name) {
		return switch (name) {
			case "replaysafe" -> ReplaysafeEngine::migrate;
			case "replaysafe-never" -> ReplaysafeEngine::migrateOneByOne;
			case "flyway" -> FlywayEngine::migrate;
			case "liquibase" -> LiquibaseEngine::migrate;
			case "jdbc" -> JdbcEngine::migrate;
			case "history-read" -> HistoryReadEngine::migrate;
			default -> throw new IllegalArgumentException("unknown engine " + name + "; one of " + NAMES
					+ ", replaysafe-never or history-read");
		};
	}
}
