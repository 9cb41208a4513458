package dev.replaysafe;

import java.util.List;

/**
 * What one {@link Verifier} check found: what was checked and, if it failed, each problem with
 * the migration, the step and the difference. {@link #text()} is the report as shown to users.
 *
 * @param check which check ran
 * @param database the database product and version it ran on
 * @param migrations how many migrations were checked
 * @param checked what was checked and held, one line each
 * @param problems what failed, empty when the check passed
 */
public record VerificationReport(Check check, String database, int migrations, List<String> checked,
		List<Problem> problems) {

	/**
	 * Copies the lists, so that the report cannot change afterwards.
	 *
	 * @param check which check ran
	 * @param database the database product and version it ran on
	 * @param migrations how many migrations were checked
	 * @param checked what was checked and held, one line each
	 * @param problems what failed, empty when the check passed
	 */
	public VerificationReport {
		checked = List.copyOf(checked);
		problems = List.copyOf(problems);
	}

	/** The two checks. */
	public enum Check {

		/** Every up executed a second time, ignoring the history, changes nothing. */
		REPLAY("Replay check"),

		/** Every down restores the schema and rows its up started from; the ups then redo the same. */
		DOWN_ROUND_TRIP("Down round-trip check");

		private final String title;

		Check(String title) {
			this.title = title;
		}

		/**
		 * The check's name as reports show it.
		 *
		 * @return {@code Replay check} or {@code Down round-trip check}
		 */
		public String title() {
			return title;
		}
	}

	/**
	 * One failure.
	 *
	 * @param step {@code up} (the first run), {@code replay}, {@code down} (also for data loss) or {@code redo}
	 * @param version the migration's version, or null when the failure is not one migration's
	 * @param file the file that ran in this step ({@code 0004_add_status.down.sql}), or null
	 * @param summary what went wrong, in one sentence
	 * @param details the schema or data differences, or the database's error, one line each
	 * @param fix what to change
	 */
	public record Problem(String step, Long version, String file, String summary, List<String> details, String fix) {

		/**
		 * Copies the details, so that the problem cannot change afterwards.
		 *
		 * @param step {@code up}, {@code replay}, {@code down} or {@code redo}
		 * @param version the migration's version, or null
		 * @param file the file that ran in this step, or null
		 * @param summary what went wrong, in one sentence
		 * @param details the differences or the database's error, one line each
		 * @param fix what to change
		 */
		public Problem {
			details = List.copyOf(details);
		}

		String text() {
			StringBuilder s = new StringBuilder("  ").append(step);
			if (file != null) {
				s.append(" of ").append(file);
			}
			s.append(": ").append(summary).append('\n');
			details.forEach(d -> s.append("    - ").append(d).append('\n'));
			if (fix != null) {
				s.append("    fix: ").append(fix).append('\n');
			}
			return s.toString();
		}
	}

	/**
	 * Whether nothing failed.
	 *
	 * @return true when {@link #problems()} is empty
	 */
	public boolean passed() {
		return problems.isEmpty();
	}

	/**
	 * The report: a headline, what held, and every problem with its differences and fix.
	 *
	 * @return the text, one line each, ending with a line break
	 */
	public String text() {
		StringBuilder s = new StringBuilder(check.title()).append(" on ").append(database).append(" (")
			.append(migrations).append(migrations == 1 ? " migration" : " migrations").append("): ");
		s.append(passed() ? "PASSED" : "FAILED, " + problems.size() + (problems.size() == 1 ? " problem" : " problems"))
			.append('\n');
		checked.forEach(line -> s.append("  ").append(line).append('\n'));
		problems.forEach(p -> s.append(p.text()));
		return s.toString();
	}

	@Override
	public String toString() {
		return text();
	}
}
