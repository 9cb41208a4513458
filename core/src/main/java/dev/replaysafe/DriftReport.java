package dev.replaysafe;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link DriftCheck} found: how the live schema differs from the one the migration files
 * build, one line a person can act on per difference, each naming the object and saying what the
 * migrations build (expected) and what the live database has.
 *
 * @param database the live database's product and version
 * @param migrations how many migration files built the expected schema
 * @param differences one line per difference; empty when the live schema is what the migrations build
 * @param duration the whole check, scratch database included
 */
public record DriftReport(String database, int migrations, List<String> differences, Duration duration) {

	/**
	 * A report; {@code differences} is copied, so the report does not change after it is made.
	 *
	 * @param database the live database's product and version
	 * @param migrations how many migration files built the expected schema
	 * @param differences one line per difference; empty when there is none
	 * @param duration the whole check, scratch database included
	 */
	public DriftReport {
		differences = List.copyOf(differences);
	}

	/**
	 * {@return whether the live schema differs from what the migrations build} True when
	 * {@link #differences()} is not empty.
	 */
	public boolean drifted() {
		return !differences.isEmpty();
	}

	/** {@code Drift check on SQLite 3.53.4 (9 migrations): 2 difference(s)} and one line per difference. */
	@Override
	public String toString() {
		String head = "Drift check on " + database + " (" + migrations + " migrations): ";
		return !drifted() ? head + "the live schema is what the migrations build"
				: head + differences.size() + " difference(s) between what the migrations build and the live schema:\n  - "
						+ String.join("\n  - ", differences);
	}
}
