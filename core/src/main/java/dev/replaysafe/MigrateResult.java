package dev.replaysafe;

import java.time.Duration;
import java.util.List;

/**
 * What one run did.
 *
 * @param applied the migrations this run applied, in order, with their times
 * @param currentVersion the highest applied version after the run, null for an empty history
 * @param duration the whole run, lock wait included
 */
public record MigrateResult(List<Applied> applied, Long currentVersion, Duration duration) {

	/**
	 * One migration this run applied (or, for a rollback, reverted).
	 *
	 * @param version the migration's version
	 * @param description its description, as in the history
	 * @param duration how long its statements ran: the time its history row records and the log shows
	 */
	public record Applied(long version, String description, Duration duration) {
	}
}
