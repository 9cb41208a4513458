package dev.replaysafe.autoconfigure;

import java.time.Instant;

import dev.replaysafe.DriftCheck;
import dev.replaysafe.DriftReport;
import dev.replaysafe.MigrationException;
import dev.replaysafe.Migrator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drift check of the start ({@code replaysafe.drift-check}), run by {@link MigrationInitializer}
 * after the migrations, and its last result, which the endpoint and health show.
 */
public class MigrationDrift {

	private static final Logger log = LoggerFactory.getLogger(MigrationDrift.class);

	private final Migrator migrator;

	private final DriftCheckMode mode;

	private volatile Result last;

	public MigrationDrift(Migrator migrator, DriftCheckMode mode) {
		this.migrator = migrator;
		this.mode = mode;
	}

	public DriftCheckMode mode() {
		return this.mode;
	}

	/** The last check, null when none ran (mode OFF). */
	public Result last() {
		return this.last;
	}

	/**
	 * Runs the check unless the mode is OFF: WARN logs each difference (or why the check cannot run),
	 * FAIL throws listing them.
	 */
	public void check() {
		if (this.mode == DriftCheckMode.OFF) {
			return;
		}
		DriftReport report;
		try {
			report = DriftCheck.of(this.migrator).check();
		}
		catch (MigrationException ex) {
			this.last = new Result(Instant.now(), null, ex.getMessage());
			if (this.mode == DriftCheckMode.FAIL) {
				throw new MigrationException(ex.getMessage() + " (replaysafe.drift-check=fail; set it to warn or off "
						+ "to start without the check)", ex);
			}
			log.warn("{} (replaysafe.drift-check=warn: starting anyway)", ex.getMessage());
			return;
		}
		this.last = new Result(Instant.now(), report, null);
		if (!report.drifted()) {
			log.info("{} in {} ms", report, report.duration().toMillis());
			return;
		}
		if (this.mode == DriftCheckMode.FAIL) {
			throw new MigrationException("The drift check found " + report.differences().size() + " difference(s) "
					+ "between what the migrations build and the live schema (" + report.database() + "); make the "
					+ "schema match the migrations (or put the change in a new migration), or set "
					+ "replaysafe.drift-check=warn to start anyway", report.differences());
		}
		log.warn("The drift check found {} difference(s) between what the migrations build and the live schema "
				+ "(replaysafe.drift-check=warn: starting anyway):", report.differences().size());
		report.differences().forEach(line -> log.warn("Drift: {}", line));
	}

	/**
	 * One check.
	 *
	 * @param checkedAt when it ran
	 * @param report what it found, null when it could not run
	 * @param error why it could not run, null when it ran
	 */
	public record Result(Instant checkedAt, DriftReport report, String error) {

		/** Whether it found differences. */
		public boolean drifted() {
			return this.report != null && this.report.drifted();
		}

	}

}
