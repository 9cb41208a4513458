package dev.replaysafe.bench;

import java.util.List;

/**
 * A migration tool under test: applies a {@link MigrationSet} to a {@link Database}. Each
 * adapter is its own class, loaded only when chosen, so a child JVM loads one tool's classes.
 */
@FunctionalInterface
public interface Engine {

	/** The engine that is only a floor for warm starts: the cold case leaves it out. */
	String WARM_FLOOR = "history-read";

	/**
	 * The engines, in the order the tables list them; raw JDBC is the floor of a cold start,
	 * {@code history-read} ({@link HistoryReadEngine}) of a warm one. Also accepted by
	 * {@code --engines}: {@code replaysafe-never}, replaysafe with each migration in its own
	 * transaction ({@code replaysafe.group=never}; the default groups an empty database).
	 */
	List<String> NAMES = List.of("jdbc", WARM_FLOOR, "replaysafe", "flyway", "liquibase");

	void migrate(Database db, MigrationSet set) throws Exception;

	static Engine of(String name) {
		return switch (name) {
			case "replaysafe" -> ReplaysafeEngine::migrate;
			case "replaysafe-never" -> ReplaysafeEngine::migrateOneByOne;
			case "flyway" -> FlywayEngine::migrate;
			case "liquibase" -> LiquibaseEngine::migrate;
			case "jdbc" -> JdbcEngine::migrate;
			case WARM_FLOOR -> HistoryReadEngine::migrate;
			default -> throw new IllegalArgumentException("unknown engine " + name + "; one of " + NAMES
					+ " or replaysafe-never");
		};
	}
}
