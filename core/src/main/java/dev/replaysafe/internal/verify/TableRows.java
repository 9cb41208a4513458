package dev.replaysafe.internal.verify;

import dev.replaysafe.internal.schema.SchemaSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every row of one table, normalised for comparison: each value in a text form ({@code NULL},
 * numbers as printed, text and other values quoted, bytes as {@code X'..'}), the columns in name
 * order, the rows sorted, so that neither row nor column order matters; and a hash of all that,
 * so that equal tables compare in constant time.
 */
public final class TableRows {

	private static final int SHOWN = 3;

	private final List<String> columns;

	private final List<List<String>> rows;

	private final String hash;

	private TableRows(List<String> columns, List<List<String>> rows) {
		this.columns = List.copyOf(columns);
		rows.sort((a, b) -> String.join("\u001f", a).compareTo(String.join("\u001f", b)));
		this.rows = rows;
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(String.join("\u001f", columns).getBytes(StandardCharsets.UTF_8));
			for (List<String> row : rows) {
				digest.update((String.join("\u001f", row) + '\u001e').getBytes(StandardCharsets.UTF_8));
			}
			this.hash = HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e);
		}
	}

	/** Reads every row of {@code table}. */
	public static TableRows read(Connection c, SchemaSnapshot.Table table) throws SQLException {
		List<String> columns = List.copyOf(table.columns().keySet());
		String select = "SELECT " + columns.stream().map(TableRows::quote).collect(Collectors.joining(", ")) + " FROM "
				+ quote(table.name());
		List<List<String>> rows = new ArrayList<>();
		try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
			while (rs.next()) {
				List<String> row = new ArrayList<>(columns.size());
				for (int i = 1; i <= columns.size(); i++) {
					row.add(text(rs.getObject(i)));
				}
				rows.add(row);
			}
		}
		return new TableRows(columns, rows);
	}

	private static String text(Object value) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof byte[] bytes) {
			return "X'" + HexFormat.of().formatHex(bytes) + "'";
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return "'" + value.toString().replace("'", "''") + "'";
	}

	private static String quote(String identifier) {
		return '"' + identifier.replace("\"", "\"\"") + '"';
	}

	/** How many rows. */
	public int count() {
		return rows.size();
	}

	/** The column names, in name order. */
	public List<String> columns() {
		return columns;
	}

	/** Whether {@code other} has the same columns and rows. */
	public boolean sameAs(TableRows other) {
		return hash.equals(other.hash);
	}

	/** The rows with only {@code kept} of the columns (those this table has), in the same normal form. */
	public TableRows only(Collection<String> kept) {
		if (columns.stream().allMatch(kept::contains)) {
			return this;
		}
		List<Integer> at = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			if (kept.contains(columns.get(i))) {
				at.add(i);
				names.add(columns.get(i));
			}
		}
		List<List<String>> projected = new ArrayList<>(rows.size());
		for (List<String> row : rows) {
			List<String> p = new ArrayList<>(at.size());
			at.forEach(i -> p.add(row.get(i)));
			projected.add(p);
		}
		return new TableRows(names, projected);
	}

	/**
	 * These rows with the change from {@code from} to {@code to} applied (the rows {@code to} has
	 * more are added, those it has fewer are removed), on the columns all three have: what a table
	 * should hold once a down took back its up but not the rows written after that up (a fixture's).
	 */
	public TableRows plusChange(TableRows from, TableRows to) {
		if (from.sameAs(to)) {
			return this;
		}
		List<String> common = columns.stream().filter(from.columns::contains).filter(to.columns::contains).toList();
		Map<List<String>, Integer> result = tally(only(common).rows);
		tally(to.only(common).rows).forEach((row, n) -> result.merge(row, n, Integer::sum));
		tally(from.only(common).rows).forEach((row, n) -> result.merge(row, -n, Integer::sum));
		List<List<String>> rows = new ArrayList<>();
		result.forEach((row, n) -> {
			for (int k = 0; k < n; k++) {
				rows.add(row);
			}
		});
		return new TableRows(common, rows);
	}

	private static Map<List<String>, Integer> tally(List<List<String>> rows) {
		Map<List<String>, Integer> counts = new java.util.HashMap<>();
		rows.forEach(row -> counts.merge(row, 1, Integer::sum));
		return counts;
	}

	/** Each rendered row, {@code (id=1, n=0)}, with how often it occurs. */
	public Map<String, Integer> counted() {
		Map<String, Integer> counted = new TreeMap<>();
		for (List<String> row : rows) {
			StringBuilder s = new StringBuilder("(");
			for (int i = 0; i < columns.size(); i++) {
				s.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=').append(row.get(i));
			}
			counted.merge(s.append(')').toString(), 1, Integer::sum);
		}
		return counted;
	}

	/**
	 * The rows of {@code actual} that {@code expected} lacks ({@code added}) and the reverse
	 * ({@code gone}), each with its surplus count; compared on the columns both have.
	 */
	public static Difference difference(TableRows expected, TableRows actual) {
		List<String> common = expected.columns.stream().filter(actual.columns::contains).toList();
		TableRows e = expected.only(common);
		TableRows a = actual.only(common);
		if (e.sameAs(a)) {
			return new Difference(Map.of(), Map.of());
		}
		Map<String, Integer> was = e.counted();
		Map<String, Integer> is = a.counted();
		return new Difference(surplus(is, was), surplus(was, is));
	}

	private static Map<String, Integer> surplus(Map<String, Integer> a, Map<String, Integer> b) {
		Map<String, Integer> more = new TreeMap<>();
		a.forEach((row, n) -> {
			int extra = n - b.getOrDefault(row, 0);
			if (extra > 0) {
				more.put(row, extra);
			}
		});
		return more;
	}

	/**
	 * How two tables' rows differ.
	 *
	 * @param added rows (rendered) only in the actual table, with the surplus count
	 * @param gone rows only in the expected table, with the surplus count
	 */
	public record Difference(Map<String, Integer> added, Map<String, Integer> gone) {

		/** Whether the rows are the same. */
		public boolean isEmpty() {
			return added.isEmpty() && gone.isEmpty();
		}

		/** Whether this difference has a row or a count of a row that {@code earlier} lacks. */
		public boolean growsFrom(Difference earlier) {
			return exceeds(added, earlier.added) || exceeds(gone, earlier.gone);
		}

		private static boolean exceeds(Map<String, Integer> now, Map<String, Integer> before) {
			return now.entrySet().stream().anyMatch(e -> e.getValue() > before.getOrDefault(e.getKey(), 0));
		}

		/** {@code (id=1, n=0) became (id=1, n=1)}, or {@code missing after X: ...; extra after X: ...}, a few rows each. */
		public String describe(String expectedWhen, String actualWhen) {
			if (added.size() == 1 && gone.size() == 1 && added.values().iterator().next() == 1
					&& gone.values().iterator().next() == 1) {
				return gone.keySet().iterator().next() + " " + expectedWhen + " is " + added.keySet().iterator().next()
						+ " " + actualWhen;
			}
			List<String> parts = new ArrayList<>();
			if (!gone.isEmpty()) {
				parts.add("missing " + actualWhen + ": " + rows(gone));
			}
			if (!added.isEmpty()) {
				parts.add("extra " + actualWhen + ": " + rows(added));
			}
			return String.join("; ", parts);
		}

		private static String rows(Map<String, Integer> rows) {
			List<String> shown = new ArrayList<>();
			int total = 0;
			for (Map.Entry<String, Integer> e : rows.entrySet()) {
				total += e.getValue();
				if (shown.size() < SHOWN) {
					String row = e.getKey().length() <= 200 ? e.getKey() : e.getKey().substring(0, 197) + "...";
					shown.add(e.getValue() == 1 ? row : row + " " + e.getValue() + " times");
				}
			}
			return String.join(", ", shown) + (rows.size() > SHOWN ? " and more (" + total + " in all)" : "");
		}
	}
}
