package dev.replaysafe.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.replaysafe.MigrateResult;
import dev.replaysafe.MigrationException;

import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@code POST /actuator/migrations} with {@code {"targetVersion": N}}: runs the downs above N.
 * Registered only when the context has a {@link MigrationRollback} (a dev or test profile is
 * active); in any other context the POST is not mapped and answers 405.
 */
@EndpointWebExtension(endpoint = MigrationsEndpoint.class)
public class MigrationsRollbackWebExtension {

	private final MigrationRollback rollback;

	public MigrationsRollbackWebExtension(MigrationRollback rollback) {
		this.rollback = rollback;
	}

	/**
	 * Reverts the migrations above {@code targetVersion}, newest first.
	 * @param targetVersion the version to return to (0: everything)
	 * @return 200 with what was reverted; 400 for a negative version; 500 with the engine's
	 * message when a down fails (that down's transaction is rolled back)
	 */
	@WriteOperation
	public WebEndpointResponse<Object> rollback(long targetVersion) {
		try {
			MigrateResult result = this.rollback.rollback(targetVersion);
			return new WebEndpointResponse<>(RollbackDescriptor.of(targetVersion, result));
		}
		catch (IllegalArgumentException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		catch (MigrationException ex) {
			return new WebEndpointResponse<>(Map.of("error", ex.getMessage()),
					WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR);
		}
	}

	/**
	 * What a rollback did.
	 *
	 * @param targetVersion the version asked for
	 * @param reverted the migrations reverted, newest first
	 * @param currentVersion the highest applied version now, null when none is
	 * @param durationMs how long the whole rollback took
	 */
	public record RollbackDescriptor(long targetVersion, List<Reverted> reverted, Long currentVersion,
			long durationMs) {

		static RollbackDescriptor of(long targetVersion, MigrateResult result) {
			return new RollbackDescriptor(targetVersion,
					result.applied()
						.stream()
						.map(a -> new Reverted(a.version(), a.description(), a.duration().toMillis()))
						.toList(),
					result.currentVersion(), result.duration().toMillis());
		}

	}

	/** One reverted migration. */
	public record Reverted(long version, String description, long durationMs) {
	}

}
