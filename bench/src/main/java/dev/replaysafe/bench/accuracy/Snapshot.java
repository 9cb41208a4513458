package dev.replaysafe.bench.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a replay is compared on: every schema object's definition, by kind and name, and every table's
 * rows as text, sorted (a replay that rewrites a row with the same values is no change; row order is).
 * Sequence positions are left out: a guarded insert that inserts nothing still advances one, which
 * nobody can observe but in the next generated id.
 */
record Snapshot(SortedMap<String, String> objects, SortedMap<String, List<String>> rows) {

	Snapshot {
		objects = new TreeMap<>(objects);
		rows = new TreeMap<>(rows);
	}

	/** What differs from {@code before} to this snapshot; empty when nothing does. */
	Difference since(Snapshot before) {
		List<String> schema = new ArrayList<>();
		for (String key : new TreeSet<>(union(before.objects.keySet(), objects.keySet()))) {
			String was = before.objects.get(key);
			String now = objects.get(key);
			if (was == null) {
				schema.add(key + " added");
			}
			else if (now == null) {
				schema.add(key + " dropped");
			}
			else if (!was.equals(now)) {
				schema.add(key + " changed");
			}
		}
		List<String> data = new ArrayList<>();
		boolean lost = false;
		for (String table : new TreeSet<>(union(before.rows.keySet(), rows.keySet()))) {
			Map<String, Integer> counts = new HashMap<>();
			before.rows.getOrDefault(table, List.of()).forEach(r -> counts.merge(r, -1, Integer::sum));
			rows.getOrDefault(table, List.of()).forEach(r -> counts.merge(r, 1, Integer::sum));
			int added = counts.values().stream().filter(c -> c > 0).mapToInt(Integer::intValue).sum();
			int removed = -counts.values().stream().filter(c -> c < 0).mapToInt(Integer::intValue).sum();
			if (added + removed > 0 && before.rows.containsKey(table) && rows.containsKey(table)) {
				data.add(table + " +" + added + "/-" + removed + " rows");
				lost |= removed > 0;
			}
		}
		return new Difference(schema, data, lost);
	}

	private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
		java.util.Set<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	/**
	 * The changes a replay made: schema objects added, dropped or changed, and rows added or removed per table
	 * that exists before and after (the rows of a dropped or added table count as the schema change).
	 *
	 * @param lostRows whether a replay removed (or rewrote) rows that were there before it
	 */
	record Difference(List<String> schema, List<String> data, boolean lostRows) {

		boolean isEmpty() {
			return schema.isEmpty() && data.isEmpty();
		}

		@Override
		public String toString() {
			List<String> all = new ArrayList<>(schema);
			all.addAll(data);
			if (all.size() > 4) {
				return String.join("; ", all.subList(0, 4)) + "; ... (" + all.size() + " in all)";
			}
			return String.join("; ", all);
		}
	}
}
