package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.depthZero;
import static dev.replaysafe.internal.audit.rules.Tokens.text;
import static dev.replaysafe.internal.audit.rules.Tokens.upper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * One statement as the checks see it: its tokens, its verb, the shapes several checks read (a
 * CREATE's kind, an ALTER TABLE's actions, parsed once, on first use), and what the file did
 * before it ({@link #dropped}).
 */
public final class Statement {

	/** A CREATE's shape: {@code CREATE [OR REPLACE] [TEMP ...] [UNIQUE] kind}. */
	public record Create(int orReplace, String kind, int at) {

		public boolean isOrReplace() {
			return orReplace >= 0;
		}
	}

	/** One action of an ALTER TABLE: its verb at {@code at}, its object's name at {@code name}. */
	public record Action(int at, String verb, int name, boolean column, boolean constraint) {
	}

	/** An ALTER TABLE's shape: the IF EXISTS or ONLY at {@code guard} (-1: none), the table, its actions. */
	public record AlterTable(int guard, String table, List<Action> actions) {
	}

	private final SqlStatement sql;
	private final int verb;
	private final String head;
	private final Set<String> dropped;
	private Create create;
	private AlterTable alterTable;

	public Statement(SqlStatement sql, Set<String> dropped) {
		this.sql = sql;
		this.verb = verb(sql);
		this.head = upper(sql.token(verb));
		this.dropped = dropped;
	}

	/** The index of the main statement's first token: after a {@code WITH} clause, the verb that follows it. */
	public static int verb(SqlStatement st) {
		if (!st.matches(0, "WITH")) {
			return 0;
		}
		for (String verb : List.of("INSERT", "UPDATE", "DELETE", "SELECT")) {
			int at = depthZero(st, 1, verb);
			if (at >= 0) {
				return at;
			}
		}
		return 0;
	}

	public SqlStatement sql() {
		return sql;
	}

	/** The index of the main statement's verb. */
	public int verb() {
		return verb;
	}

	/** The verb, upper case. */
	public String head() {
		return head;
	}

	/** The verb's token: where statement-wide findings point. */
	public SqlToken headToken() {
		return sql.token(verb);
	}

	public SqlToken token(int k) {
		return sql.token(k);
	}

	public boolean matches(int k, String... words) {
		return sql.matches(k, words);
	}

	/**
	 * Whether an earlier statement of this file dropped the object with IF EXISTS: {@code kind}
	 * is VIEW, TRIGGER or POLICY, {@code name} as {@link Tokens#name} folds it.
	 */
	public boolean dropped(String kind, String name) {
		return dropped.contains(kind + " " + name);
	}

	/** A CREATE's shape (the statement's verb must be CREATE). */
	public Create create() {
		if (create == null) {
			int i = verb + 1;
			int orReplace = -1;
			if (sql.matches(i, "OR", "REPLACE")) {
				orReplace = i;
				i += 2;
			}
			while (sql.matches(i, "TEMP") || sql.matches(i, "TEMPORARY") || sql.matches(i, "UNLOGGED")
					|| sql.matches(i, "RECURSIVE") || sql.matches(i, "GLOBAL") || sql.matches(i, "LOCAL")) {
				i++;
			}
			String kind = sql.matches(i, "UNIQUE") ? "UNIQUE " + upper(sql.token(++i)) : upper(sql.token(i));
			create = new Create(orReplace, kind, i);
		}
		return create;
	}

	/** An ALTER TABLE's shape, or null for another ALTER. */
	public AlterTable alterTable() {
		if (alterTable == null && sql.matches(verb + 1, "TABLE")) {
			int i = verb + 2;
			int guard = -1;
			if (sql.matches(i, "IF", "EXISTS") || sql.matches(i, "ONLY")) {
				guard = i;
				i += sql.matches(i, "ONLY") ? 1 : 2;
			}
			i += sql.token(i + 1) != null && sql.token(i + 1).text().equals(".") ? 3 : 1;
			String table = text(sql.token(i - 1));
			List<Action> actions = new ArrayList<>();
			for (int a = i; sql.token(a) != null; a++) {
				actions.add(action(a));
				a = depthZero(sql, a, ",");
				if (a < 0) {
					break;
				}
			}
			alterTable = new AlterTable(guard, table, List.copyOf(actions));
		}
		return alterTable;
	}

	private Action action(int a) {
		String verb = upper(sql.token(a));
		int k = a + 1;
		boolean column = sql.matches(k, "COLUMN");
		if (column) {
			k++;
		}
		boolean constraint = !column && (sql.matches(k, "CONSTRAINT") || verb.equals("ADD")
				&& (sql.matches(k, "PRIMARY") || sql.matches(k, "UNIQUE") || sql.matches(k, "FOREIGN")
						|| sql.matches(k, "CHECK") || sql.matches(k, "EXCLUDE")));
		return new Action(a, verb, k, column, constraint);
	}
}
