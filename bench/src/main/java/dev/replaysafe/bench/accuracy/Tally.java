package dev.replaysafe.bench.accuracy;

/**
 * A confusion matrix of a static verdict against the dynamic truth. Positive means "not replay-safe": a
 * flagged file whose replay errors or changes something is a true positive, an unflagged one a miss.
 */
final class Tally {

	int truePositives;
	int falsePositives;
	int falseNegatives;
	int trueNegatives;

	void add(boolean flagged, boolean notSafe) {
		if (flagged && notSafe) {
			truePositives++;
		}
		else if (flagged) {
			falsePositives++;
		}
		else if (notSafe) {
			falseNegatives++;
		}
		else {
			trueNegatives++;
		}
	}

	int total() {
		return truePositives + falsePositives + falseNegatives + trueNegatives;
	}

	/** Files on which the verdict agrees with the truth, of all files. */
	double accuracy() {
		return ratio(truePositives + trueNegatives, total());
	}

	/** Flagged files that are indeed not replay-safe, of all flagged files. */
	double precision() {
		return ratio(truePositives, truePositives + falsePositives);
	}

	/** Not replay-safe files that are flagged, of all not replay-safe files. */
	double recall() {
		return ratio(truePositives, truePositives + falseNegatives);
	}

	private static double ratio(int a, int b) {
		return b == 0 ? Double.NaN : (double) a / b;
	}

	static String percent(double value) {
		return Double.isNaN(value) ? "–" : String.format(java.util.Locale.ROOT, "%.1f %%", value * 100);
	}
}
