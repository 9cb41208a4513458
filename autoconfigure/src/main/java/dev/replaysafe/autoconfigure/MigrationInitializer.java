package dev.replaysafe.autoconfigure;

import java.util.Optional;

import dev.replaysafe.MigrateResult;
import dev.replaysafe.Migrator;

import org.springframework.beans.factory.InitializingBean;

/**
 * Runs the migrations when the context starts: {@link Migrator#migrate()}, or the user's
 * {@link MigrationStrategy}. Beans that use the database are created after it (see
 * {@link MigrationInitializerDatabaseInitializerDetector}), so they see the migrated schema.
 */
public class MigrationInitializer implements InitializingBean {

	private final Migrator migrator;

	private final MigrationStrategy strategy;

	private final MigrationDrift drift;

	private volatile MigrateResult result;

	/**
	 * @param migrator the engine
	 * @param strategy what to run instead of {@code migrate()}, or null
	 */
	public MigrationInitializer(Migrator migrator, MigrationStrategy strategy) {
		this(migrator, strategy, null);
	}

	/**
	 * @param migrator the engine
	 * @param strategy what to run instead of {@code migrate()}, or null
	 * @param drift the drift check to run after migrating ({@code replaysafe.drift-check}), or null
	 */
	public MigrationInitializer(Migrator migrator, MigrationStrategy strategy, MigrationDrift drift) {
		this.migrator = migrator;
		this.strategy = strategy;
		this.drift = drift;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.strategy != null) {
			this.strategy.migrate(this.migrator);
		}
		else {
			this.result = this.migrator.migrate();
		}
		if (this.drift != null) {
			this.drift.check();
		}
	}

	/** What the start-up run did; empty when a {@link MigrationStrategy} replaced it. */
	public Optional<MigrateResult> result() {
		return Optional.ofNullable(this.result);
	}

}
