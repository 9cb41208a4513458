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
 * Health {@code migrations}: UP when every migration is applied with its file unchanged; DOWN
 * when any is pending, failed, changed since applied or missing its file (listing their
 * versions), or when the history cannot be read.
 */
public class MigrationsHealthIndicator extends AbstractHealthIndicator {

	private final Migrator migrator;

	public MigrationsHealthIndicator(Migrator migrator) {
		super("Could not read the migration status");
		this.migrator = migrator;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		List<MigrationStatus> status = this.migrator.status();
		Map<String, List<Long>> problems = new TreeMap<>();
		for (MigrationStatus s : status) {
			if (s.state() != State.APPLIED) {
				problems.computeIfAbsent(key(s.state()), k -> new ArrayList<>()).add(s.version());
			}
		}
		Long current = MigrationsEndpoint.currentVersion(status);
		if (current != null) {
			builder.withDetail("currentVersion", current);
		}
		builder.status(problems.isEmpty() ? Status.UP : Status.DOWN)
			.withDetail("migrations", status.size())
			.withDetails(problems);
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
