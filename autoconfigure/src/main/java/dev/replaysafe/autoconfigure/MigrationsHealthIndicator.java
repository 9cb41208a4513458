package dev.replaysafe.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.replaysafe.MigrationStatus;
import dev.replaysafe.MigrationStatus.State;
import dev.replaysafe.Migrator;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health {@code migrations}: DOWN when a migration is pending or failed after the start, or in a
 * state the configuration does not tolerate (a changed file with checksum validation on, a
 * missing file without {@code ignore-missing}, a future version without {@code ignore-future}),
 * listing their versions, or when the history cannot be read, or when the start's drift check found
 * differences under {@code replaysafe.drift-check=fail}. What the configuration tolerates
 * (and so the start accepted) is UP with the same detail: health agrees with what the start did.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final Migrator migrator;

	private final MigrationDrift drift;

	public MigrationsHealthIndicator(Migrator migrator) {
		this(migrator, null);
	}

	/**
	 * @param migrator the engine
	 * @param drift the start's drift check: its differences are a detail, DOWN under
	 * {@code replaysafe.drift-check=fail}; may be null
	 */
	public MigrationsHealthIndicator(Migrator migrator, MigrationDrift drift) {
		super("Could not read the migration status");
		this.migrator = migrator;
		this.drift = drift;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<MigrationStatus> status = this.migrator.status();
		Map<String, List<Long>> details = new TreeMap<>();
		boolean down = false;
		for (MigrationStatus s : status) {
			if (s.state() != State.APPLIED) {
				details.computeIfAbsent(key(s.state()), k -> new ArrayList<>()).add(s.version());
				down |= !tolerated(s.state());
			}
		}
		Long current = MigrationsEndpoint.currentVersion(status);
		if (current != null) {
			builder.withDetail("currentVersion", current);
		}
		if (details.containsKey("future")) {
			builder.withDetail("databaseAhead", "versions " + details.get("future") + " were applied by a newer build");
		}
		MigrationDrift.Result drift = (this.drift != null) ? this.drift.last() : null;
		if (drift != null && drift.drifted()) {
			builder.withDetail("drift", drift.report().differences());
			down |= this.drift.mode() == DriftCheckMode.FAIL;
		}
		builder.status(down ? Status.DOWN : Status.UP)
			.withDetail("migrations", status.size())
			.withDetails(details);
	}

	/** Whether the start accepts this state as configured. */
	private boolean tolerated(State state) {
		return switch (state) {
			case APPLIED -> true;
			case CHECKSUM_MISMATCH -> !this.migrator.validateChecksums();
			case MISSING_FILE -> this.migrator.ignoreMissing();
			case FUTURE -> this.migrator.ignoreFuture();
			case BASELINE -> true;
			case PENDING, FAILED -> false;
		};
	}

	/** PENDING → pending, CHECKSUM_MISMATCH → checksumMismatch. */
	private static String key(State state) {
		String[] words = state.name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder key = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return key.toString();
	}

}
