package dev.replaysafe.internal.fix;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * Rewrites what is mechanically fixable in a migration set to its replay-safe form, by inserting
 * text at token offsets (the file's own text, comments and layout are kept), and writes the down
 * of an up whose down is empty, for the DDL whose inverse is certain.
 *
 * <p>One instance walks a whole set in version order: whether an {@code INSERT} can take
 * {@code ON CONFLICT DO NOTHING} depends on the keys earlier files gave its table.
 */
public final class Fixer {

	/** One change to a file: where, and what was done or why nothing could be. */
	public record Change(int line, String description, boolean fixed) {
	}

	/** A file's text after fixing, with the changes made and the statements left as they were. */
	public record Result(String text, List<Change> changes) {
	}

	private static final Set<String> GUARDED_CREATES = Set.of("TABLE", "INDEX", "SEQUENCE", "SCHEMA", "EXTENSION");

	private static final Set<String> DROPPABLE = Set.of("TABLE", "INDEX", "VIEW", "SEQUENCE", "SCHEMA", "TYPE",
			"DOMAIN", "FUNCTION", "PROCEDURE", "TRIGGER", "EXTENSION", "MATERIALIZED");

	private static final Set<String> NOT_COLUMNS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN",
			"EXCLUDE");

	/** Tables (lower-case names) that have a primary key or a unique constraint or index so far. */
	private final Set<String> keyed = new HashSet<>();

	/** Fixes one up file; call for each up in version order. */
	public Result up(String name, String text) {
		SqlScript script = SqlScript.parse(name, text);
		List<Insert> inserts = new ArrayList<>();
		List<Change> changes = new ArrayList<>();
		Set<String> droppedViews = new HashSet<>();
		for (SqlStatement st : script.statements()) {
			keys(st);
			fix(st, text, inserts, changes, droppedViews);
		}
		return new Result(apply(text, inserts), changes);
	}

	/**
	 * The down to write for an up whose down has no statement: the inverse of each statement of the
	 * up, newest first, or null when the up has nothing whose inverse is certain. Statements without
	 * one are listed as changes not made, and named in a comment in the down.
	 */
	public Result downFor(String upName, String upText) {
		List<String> lines = new ArrayList<>();
		List<Change> changes = new ArrayList<>();
		Set<String> created = new HashSet<>();
		List<SqlStatement> statements = SqlScript.parse(upName, upText).statements();
		for (SqlStatement st : statements) {
			if (st.matches(0, "CREATE", "TABLE") || st.matches(0, "CREATE", "UNLOGGED", "TABLE")) {
				int k = afterIfNotExists(st, indexOf(st, "TABLE") + 1);
				created.add(SqlToken.lowerAscii(name(st, k)));
			}
		}
		for (int i = statements.size() - 1; i >= 0; i--) {
			SqlStatement st = statements.get(i);
			String inverse = inverse(st, created);
			if (inverse == null) {
				changes.add(new Change(st.line(), "cannot undo " + head(st) + " (line " + st.line() + ") mechanically: "
						+ "write its inverse by hand", false));
				lines.add("-- replaysafe fix: cannot undo line " + st.line() + " (" + head(st) + "): write its inverse");
			}
			else if (!inverse.isEmpty()) {
				lines.add(inverse);
				changes.add(new Change(st.line(), "down: " + inverse, true));
			}
		}
		if (changes.stream().noneMatch(Change::fixed)) {
			return new Result(null, changes);
		}
		return new Result(String.join("\n", lines) + "\n", changes);
	}

	private void fix(SqlStatement st, String text, List<Insert> inserts, List<Change> changes, Set<String> droppedViews) {
		if (st.matches(0, "CREATE")) {
			create(st, inserts, changes, droppedViews);
		}
		else if (st.matches(0, "DROP")) {
			int k = 1;
			if (st.matches(1, "VIEW") && !st.matches(2, "IF")) {
				droppedViews.add(SqlToken.lowerAscii(name(st, 2)));
			}
			if (st.matches(1, "VIEW", "IF", "EXISTS")) {
				droppedViews.add(SqlToken.lowerAscii(name(st, 4)));
			}
			SqlToken object = st.token(k);
			if (object == null || !DROPPABLE.contains(upper(object))) {
				return;
			}
			k++;
			if (upper(object).equals("MATERIALIZED") && st.matches(k, "VIEW")) {
				k++;
			}
			if (upper(object).equals("INDEX") && st.matches(k, "CONCURRENTLY")) {
				k++;
			}
			if (!st.matches(k, "IF") && st.token(k) != null) {
				insert(inserts, changes, st.token(k), "IF EXISTS ", "DROP " + upper(object) + " → DROP " + upper(object)
						+ " IF EXISTS");
			}
		}
		else if (st.matches(0, "ALTER", "TABLE")) {
			alter(st, inserts, changes);
		}
		else if (st.matches(0, "INSERT", "INTO")) {
			insertStatement(st, text, inserts, changes);
		}
	}

	private void create(SqlStatement st, List<Insert> inserts, List<Change> changes, Set<String> droppedViews) {
		int k = 1;
		boolean orReplace = st.matches(1, "OR", "REPLACE");
		if (orReplace) {
			k = 3;
		}
		while (st.token(k) != null && (st.matches(k, "TEMP") || st.matches(k, "TEMPORARY") || st.matches(k, "UNLOGGED")
				|| st.matches(k, "UNIQUE"))) {
			k++;
		}
		SqlToken object = st.token(k);
		if (object == null) {
			return;
		}
		String kind = upper(object);
		if (GUARDED_CREATES.contains(kind)) {
			int n = k + 1;
			if (kind.equals("INDEX") && st.matches(n, "CONCURRENTLY")) {
				n++;
			}
			if (st.matches(n, "IF")) {
				return;
			}
			if (kind.equals("INDEX") && st.matches(n, "ON") || kind.equals("SCHEMA") && st.matches(n, "AUTHORIZATION")) {
				changes.add(new Change(st.line(), "CREATE " + kind + " without a name cannot take IF NOT EXISTS: name it",
						false));
				return;
			}
			if (st.token(n) != null) {
				insert(inserts, changes, st.token(n), "IF NOT EXISTS ", "CREATE " + kind + " → CREATE " + kind
						+ " IF NOT EXISTS");
			}
		}
		else if (kind.equals("VIEW") && !orReplace && !st.matches(k + 1, "IF")) {
			String view = name(st, k + 1);
			if (view != null && !droppedViews.contains(SqlToken.lowerAscii(view))) {
				inserts.add(new Insert(st.offset(), "DROP VIEW IF EXISTS " + view + ";\n"));
				changes.add(new Change(st.line(), "CREATE VIEW " + view + " → DROP VIEW IF EXISTS " + view
						+ "; CREATE VIEW " + view, true));
			}
		}
		else if ((kind.equals("FUNCTION") || kind.equals("PROCEDURE")) && !orReplace && k == 1) {
			insert(inserts, changes, object, "OR REPLACE ", "CREATE " + kind + " → CREATE OR REPLACE " + kind);
		}
	}

	private void alter(SqlStatement st, List<Insert> inserts, List<Change> changes) {
		int k = 2;
		if (st.matches(k, "IF", "EXISTS")) {
			k += 2;
		}
		if (st.matches(k, "ONLY")) {
			k++;
		}
		k = skipName(st, k);
		if (hasTopLevelComma(st, k)) {
			if (st.matches(k, "ADD") || st.matches(k, "DROP")) {
				changes.add(new Change(st.line(), "ALTER TABLE with several actions: split it into one ALTER TABLE "
						+ "per action, then run fix again", false));
			}
			return;
		}
		boolean add = st.matches(k, "ADD");
		if (!add && !st.matches(k, "DROP")) {
			return;
		}
		int c = k + 1;
		SqlToken next = st.token(c);
		if (next == null || NOT_COLUMNS.contains(upper(next))) {
			return;
		}
		String guard = add ? "IF NOT EXISTS " : "IF EXISTS ";
		String verb = add ? "ADD" : "DROP";
		if (next.is("COLUMN")) {
			if (!st.matches(c + 1, "IF") && st.token(c + 1) != null) {
				insert(inserts, changes, st.token(c + 1), guard, verb + " COLUMN → " + verb + " COLUMN " + guard.trim());
			}
		}
		else if (!next.is("IF")) {
			insert(inserts, changes, next, "COLUMN " + guard, verb + " → " + verb + " COLUMN " + guard.trim());
		}
	}

	private void insertStatement(SqlStatement st, String text, List<Insert> inserts, List<Change> changes) {
		int values = depthZero(st, 2, "VALUES");
		if (values < 0 || depthZero(st, 2, "ON") >= 0 || depthZero(st, 2, "SELECT") >= 0) {
			return;
		}
		String table = SqlToken.lowerAscii(unqualified(st, 2));
		if (!keyed.contains(table)) {
			changes.add(new Change(st.line(), "INSERT INTO " + table + ": the table has no primary key or unique "
					+ "constraint in these migrations, so ON CONFLICT DO NOTHING would not stop a duplicate; give it a "
					+ "key or guard the insert with WHERE NOT EXISTS", false));
			return;
		}
		int returning = depthZero(st, values, "RETURNING");
		SqlToken last = st.tokens().get(st.tokens().size() - 1);
		if (returning >= 0) {
			inserts.add(new Insert(st.token(returning).offset(), "ON CONFLICT DO NOTHING "));
		}
		else {
			inserts.add(new Insert(last.offset() + last.text().length(), " ON CONFLICT DO NOTHING"));
		}
		changes.add(new Change(st.line(), "INSERT INTO " + table + " → INSERT ... ON CONFLICT DO NOTHING", true));
	}

	/** Records which tables get a key: a PRIMARY KEY or UNIQUE in CREATE TABLE, or a unique index on them. */
	private void keys(SqlStatement st) {
		if (st.matches(0, "CREATE") && indexOf(st, "TABLE") > 0 && indexOf(st, "TABLE") <= 3) {
			int k = afterIfNotExists(st, indexOf(st, "TABLE") + 1);
			String table = unqualified(st, k);
			for (SqlToken t : st.tokens()) {
				if (t.is("PRIMARY") || t.is("UNIQUE")) {
					keyed.add(SqlToken.lowerAscii(table));
					return;
				}
			}
		}
		else if (st.matches(0, "CREATE", "UNIQUE", "INDEX")) {
			int on = depthZero(st, 3, "ON");
			if (on > 0) {
				int k = on + 1;
				if (st.matches(k, "ONLY")) {
					k++;
				}
				keyed.add(SqlToken.lowerAscii(unqualified(st, k)));
			}
		}
		else if (st.matches(0, "ALTER", "TABLE") && (indexOf(st, "PRIMARY") > 0 || indexOf(st, "UNIQUE") > 0)) {
			int k = 2;
			if (st.matches(k, "IF", "EXISTS")) {
				k += 2;
			}
			if (st.matches(k, "ONLY")) {
				k++;
			}
			keyed.add(SqlToken.lowerAscii(unqualified(st, k)));
		}
	}

	/** The statement that undoes {@code st}, "" for one that needs none, null when unknown. */
	private static String inverse(SqlStatement st, Set<String> createdTables) {
		if (st.matches(0, "CREATE")) {
			int k = 1;
			while (st.matches(k, "UNIQUE") || st.matches(k, "UNLOGGED") || st.matches(k, "TEMP")
					|| st.matches(k, "TEMPORARY")) {
				k++;
			}
			SqlToken object = st.token(k);
			if (object == null) {
				return null;
			}
			String kind = upper(object);
			int n = k + 1;
			if (kind.equals("INDEX") && st.matches(n, "CONCURRENTLY")) {
				n++;
			}
			n = afterIfNotExists(st, n);
			if (kind.equals("INDEX") && st.matches(n, "ON")) {
				return null;
			}
			String name = name(st, n);
			if (name == null) {
				return null;
			}
			return switch (kind) {
				case "TABLE", "INDEX", "VIEW", "SEQUENCE" -> "DROP " + kind + " IF EXISTS " + name + ";";
				default -> null;
			};
		}
		if (st.matches(0, "DROP", "VIEW", "IF", "EXISTS")) {
			// The guard fix's DROP VIEW before CREATE VIEW: the CREATE's inverse drops the view.
			return "";
		}
		if (st.matches(0, "INSERT", "INTO") && createdTables.contains(SqlToken.lowerAscii(name(st, 2)))) {
			return "";
		}
		if (st.matches(0, "ALTER", "TABLE")) {
			int k = 2;
			if (st.matches(k, "IF", "EXISTS")) {
				k += 2;
			}
			if (st.matches(k, "ONLY")) {
				k++;
			}
			String table = name(st, k);
			int a = skipName(st, k);
			if (table == null || hasTopLevelComma(st, a) || !st.matches(a, "ADD")) {
				return null;
			}
			int c = a + 1;
			if (st.matches(c, "COLUMN")) {
				c++;
			}
			else if (st.token(c) == null || NOT_COLUMNS.contains(upper(st.token(c)))) {
				return null;
			}
			c = afterIfNotExists(st, c);
			SqlToken column = st.token(c);
			return column == null ? null : "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + column.text() + ";";
		}
		return null;
	}

	private static void insert(List<Insert> inserts, List<Change> changes, SqlToken before, String text, String what) {
		inserts.add(new Insert(before.offset(), text));
		changes.add(new Change(before.line(), what, true));
	}

	private static String apply(String text, List<Insert> inserts) {
		StringBuilder b = new StringBuilder(text);
		inserts.stream()
			.sorted(Comparator.comparingInt(Insert::offset).reversed())
			.forEach(i -> b.insert(i.offset(), i.text()));
		return b.toString();
	}

	private record Insert(int offset, String text) {
	}

	private static int afterIfNotExists(SqlStatement st, int k) {
		return st.matches(k, "IF", "NOT", "EXISTS") ? k + 3 : k;
	}

	/** The (possibly schema-qualified) name at {@code k}, as written. */
	private static String name(SqlStatement st, int k) {
		SqlToken t = st.token(k);
		if (t == null || t.kind() != SqlToken.Kind.WORD && t.kind() != SqlToken.Kind.QUOTED_IDENTIFIER) {
			return null;
		}
		StringBuilder b = new StringBuilder(t.text());
		while (st.token(k + 1) != null && st.token(k + 1).text().equals(".") && st.token(k + 2) != null) {
			b.append('.').append(st.token(k + 2).text());
			k += 2;
		}
		return b.toString();
	}

	/** The last part of the name at {@code k}, unquoted. */
	private static String unqualified(SqlStatement st, int k) {
		int end = skipName(st, k) - 1;
		SqlToken t = st.token(end);
		return t == null ? "" : t.identifier();
	}

	private static int skipName(SqlStatement st, int k) {
		k++;
		while (st.token(k) != null && st.token(k).text().equals(".")) {
			k += 2;
		}
		return k;
	}

	private static int indexOf(SqlStatement st, String word) {
		for (int i = 0; i < st.tokens().size(); i++) {
			if (st.tokens().get(i).is(word)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean hasTopLevelComma(SqlStatement st, int from) {
		return depthZero(st, from, ",") >= 0;
	}

	/** The index of {@code word} (a keyword or a symbol) outside parentheses from {@code from}, or -1. */
	private static int depthZero(SqlStatement st, int from, String word) {
		int depth = 0;
		for (int i = from; i < st.tokens().size(); i++) {
			SqlToken t = st.tokens().get(i);
			if (t.kind() == SqlToken.Kind.SYMBOL) {
				if (t.text().equals("(")) {
					depth++;
				}
				else if (t.text().equals(")")) {
					depth--;
				}
				else if (depth == 0 && t.text().equals(word)) {
					return i;
				}
			}
			else if (depth == 0 && t.is(word)) {
				return i;
			}
		}
		return -1;
	}

	/** The statement's first words, on one line: it goes into a {@code --} comment of the written down. */
	private static String head(SqlStatement st) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < Math.min(3, st.tokens().size()); i++) {
			SqlToken t = st.tokens().get(i);
			if (t.kind() == SqlToken.Kind.DOLLAR_STRING || t.kind() == SqlToken.Kind.STRING) {
				b.append(i == 0 ? "" : " ").append("...");
				break;
			}
			b.append(i == 0 ? "" : " ").append(upper(t).replaceAll("\\s+", " "));
		}
		return b.toString();
	}

	private static String upper(SqlToken t) {
		return t.kind() == SqlToken.Kind.WORD ? t.text().toUpperCase(java.util.Locale.ROOT) : t.text();
	}
}
