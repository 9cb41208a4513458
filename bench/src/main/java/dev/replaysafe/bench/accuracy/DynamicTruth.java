package dev.replaysafe.bench.accuracy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dynamic truth about each up file of a set: the reference client applies the whole set in order, then,
 * for each file, applies that file once more on the fully migrated database and compares.
 *
 * <p>A replay starts from the state after the whole set: a file that failed its replay inside the client's
 * transaction left nothing behind, and a replay that changed nothing needs no reset; every other replay is
 * followed by a restore of the saved state (a template copy, a file copy), so no replay sees another's effects.
 */
final class DynamicTruth {

	enum Outcome {
		/** The file failed on the first apply of the whole set: not measured. */
		EXCLUDED,
		/** The replay succeeded and changed neither schema nor rows. */
		SAFE,
		/** The replay succeeded but changed the schema or the rows: not replay-safe. */
		CHANGES,
		/** The replay failed: not replay-safe. */
		ERROR;

		boolean notSafe() {
			return this == CHANGES || this == ERROR;
		}
	}

	/**
	 * One file's truth.
	 *
	 * @param detail the client's error (EXCLUDED, ERROR) or what the replay changed (CHANGES)
	 * @param line the line of the statement that failed, or 0
	 * @param lostRows whether the replay removed or rewrote rows (CHANGES)
	 */
	record Result(Outcome outcome, String detail, int line, boolean lostRows) {
	}

	private static final Pattern COMMIT = Pattern.compile("(?i)\\bcommit\\b");

	private DynamicTruth() {
	}

	/** The truth for each file, in order; {@code texts} are the files' contents (to see whether a file commits itself). */
	static List<Result> measure(ReferenceDatabase db, List<Path> files, List<String> texts) throws Exception {
		db.create();
		List<Result> results = new ArrayList<>();
		for (Path file : files) {
			ReferenceDatabase.Applied first = db.apply(file);
			results.add(first.failed() ? new Result(Outcome.EXCLUDED, message(first.error()), line(first.error()), false) : null);
		}
		db.save();
		Snapshot migrated = db.snapshot();
		for (int i = 0; i < files.size(); i++) {
			if (results.get(i) != null) {
				continue;
			}
			if (i > 0 && i % 100 == 0) {
				System.out.println("  replayed " + i + " of " + files.size());
			}
			ReferenceDatabase.Applied replay = db.apply(files.get(i));
			if (replay.failed()) {
				results.set(i, new Result(Outcome.ERROR, message(replay.error()), line(replay.error()), false));
				if (!replay.atomic() || COMMIT.matcher(texts.get(i)).find()) {
					db.restore();
				}
				continue;
			}
			Snapshot.Difference diff = db.snapshot().since(migrated);
			if (diff.isEmpty()) {
				results.set(i, new Result(Outcome.SAFE, "", 0, false));
			}
			else {
				results.set(i, new Result(Outcome.CHANGES, diff.toString(), 0, diff.lostRows()));
				db.restore();
			}
		}
		return results;
	}

	private static final Pattern PSQL_ERROR = Pattern.compile("(?m)^psql:[^\\n]*?:(\\d+): (ERROR: .*)$");
	private static final Pattern SQLITE_ERROR = Pattern.compile("(?m)^(?:Parse|Runtime) error near line (\\d+): (.*)$");

	/** The client's error line, without the file name and position. */
	static String message(String error) {
		Matcher m = PSQL_ERROR.matcher(error);
		if (m.find()) {
			return m.group(2).replaceAll("\\s+", " ");
		}
		m = SQLITE_ERROR.matcher(error);
		if (m.find()) {
			return m.group(2);
		}
		return error.lines().findFirst().orElse(error);
	}

	static int line(String error) {
		for (Pattern p : List.of(PSQL_ERROR, SQLITE_ERROR)) {
			Matcher m = p.matcher(error);
			if (m.find()) {
				return Integer.parseInt(m.group(1));
			}
		}
		return 0;
	}
}
