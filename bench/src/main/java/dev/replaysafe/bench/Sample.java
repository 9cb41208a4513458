package dev.replaysafe.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured runs of one engine in one group (case, N, database), warm-up runs excluded.
 *
 * @param group the case, N and database, e.g. {@code cold N=100 sqlite}
 * @param engine the engine (or variant) measured
 * @param millis the measured runs' times, in milliseconds, in run order
 * @param cpuMillis the CPU time the child JVM used in each run (all its threads, JVM boot included):
 *        the client's own work, much less sensitive to the machine's load than the wall time
 */
public record Sample(Group group, String engine, List<Double> millis, List<Double> cpuMillis) {

	/** One measured run: the time measured, and the child's CPU time. */
	public record Run(double millis, double cpuMillis) {
	}

	/** What is compared within one run: rows of one group share a baseline. */
	public record Group(String benchCase, int size, String db, String baseline) {

		@Override
		public String toString() {
			return benchCase + " N=" + size + " " + db;
		}
	}

	public Sample {
		millis = new ArrayList<>(millis);
		cpuMillis = new ArrayList<>(cpuMillis);
	}

	static Sample of(Group group, String engine, List<Run> runs) {
		return new Sample(group, engine, runs.stream().map(Run::millis).toList(), runs.stream().map(Run::cpuMillis).toList());
	}

	public double median() {
		return median(millis);
	}

	public double medianCpu() {
		return median(cpuMillis);
	}

	/** The median of runs' times, as {@link #median()} takes it. */
	static double medianOf(List<Run> runs) {
		return median(runs.stream().map(Run::millis).toList());
	}

	/** The middle value, or the mean of the two middle ones. */
	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	public double min() {
		return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	public double max() {
		return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}
}
