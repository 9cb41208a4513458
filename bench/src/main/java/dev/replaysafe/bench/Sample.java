package dev.replaysafe.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The measured runs of one engine in one group (case, N, database), warm-up runs excluded.
 *
 * @param group the case, N and database, e.g. {@code cold N=100 sqlite}
 * @param engine the engine (or variant) measured
 * @param millis the measured runs, in milliseconds, in run order
 */
public record Sample(Group group, String engine, List<Double> millis) {

	/** What is compared within one run: rows of one group share a baseline. */
	public record Group(String benchCase, int size, String db, String baseline) {

		@Override
		public String toString() {
			return benchCase + " N=" + size + " " + db;
		}
	}

	public Sample {
		millis = new ArrayList<>(millis);
	}

	public double median() {
		List<Double> sorted = millis.stream().sorted().toList();
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
