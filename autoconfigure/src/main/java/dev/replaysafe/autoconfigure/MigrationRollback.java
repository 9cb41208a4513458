package dev.replaysafe.autoconfigure;

import dev.replaysafe.MigrateResult;
import dev.replaysafe.Migrator;
import dev.replaysafe.Rollback;

/**
 * Runs down migrations. Exists only in a context with a development or test profile active (see
 * {@link RollbackProfiles}); production contexts have no such bean, and so no way to run downs.
 */
public class MigrationRollback {

	private final Rollback rollback;

	public MigrationRollback(Migrator migrator) {
		this.rollback = Rollback.of(migrator);
	}

	/**
	 * Reverts every applied migration above {@code targetVersion}, newest first, each down in its
	 * own transaction.
	 * @param targetVersion the version to return to; 0 reverts everything
	 * @return what was reverted and the version the schema is now at
	 */
	public MigrateResult rollback(long targetVersion) {
		if (targetVersion < 0) {
			throw new IllegalArgumentException("targetVersion must be 0 (revert everything) or a migration version, "
					+ "not " + targetVersion);
		}
		return this.rollback.rollback(targetVersion);
	}

}
