package dev.replaysafe.autoconfigure;

import dev.replaysafe.Migrator;

/**
 * Replaces what happens to the database at context start (by default {@link Migrator#migrate()}).
 * Declare one as a bean, for example to only check the schema:
 * <pre>{@code
 * @Bean
 * MigrationStrategy validateOnly() {
 *     return Migrator::validate;
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MigrationStrategy {

	/** Called once at context start, before any bean that uses the database. */
	void migrate(Migrator migrator);

}
