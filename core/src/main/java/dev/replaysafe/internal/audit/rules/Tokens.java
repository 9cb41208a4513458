package dev.replaysafe.internal.audit.rules;

import java.util.Locale;
import java.util.Set;

import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/** Token helpers the checks share. */
public final class Tokens {

	/** Words that precede an expression, never a column name: after them {@code date(} is a call. */
	private static final Set<String> EXPRESSION_WORDS = Set.of("SELECT", "DISTINCT", "ALL", "WHERE", "AND", "OR", "NOT",
			"ON", "SET", "THEN", "ELSE", "WHEN", "CASE", "DEFAULT", "VALUES", "RETURNING", "BY", "IN", "IS", "LIKE",
			"BETWEEN", "HAVING", "CHECK", "RETURN", "EXISTS", "FROM", "USING", "END", "ANY", "SOME");

	private Tokens() {
	}

	/** Index of the first {@code word} (or symbol) at parenthesis depth 0 from {@code from}, or -1. */
	public static int depthZero(SqlStatement st, int from, String word) {
		int depth = 0;
		for (int k = from; k < st.tokens().size(); k++) {
			SqlToken t = st.token(k);
			if (isText(t, "(")) {
				depth++;
			}
			else if (isText(t, ")")) {
				depth--;
			}
			else if (depth == 0 && (t.is(word) || t.kind() == SqlToken.Kind.SYMBOL && t.text().equals(word))) {
				return k;
			}
		}
		return -1;
	}

	/** The (possibly schema-qualified) name starting at {@code k}, as both databases fold it. */
	public static String name(SqlStatement st, int k) {
		SqlToken t = st.token(k);
		if (t == null) {
			return "";
		}
		if (isText(st.token(k + 1), ".") && st.token(k + 2) != null) {
			return t.identifier() + "." + st.token(k + 2).identifier();
		}
		return t.identifier();
	}

	/** Whether the token at {@code k} is a word or a quoted identifier. */
	public static boolean nameAt(SqlStatement st, int k) {
		SqlToken t = st.token(k);
		return t != null && (t.kind() == SqlToken.Kind.WORD || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER);
	}

	/** The index after {@code IF [NOT] EXISTS}, {@code ONLY} or {@code CONCURRENTLY} at {@code k}. */
	public static int afterGuards(SqlStatement st, int k) {
		while (true) {
			if (st.matches(k, "IF", "NOT", "EXISTS")) {
				k += 3;
			}
			else if (st.matches(k, "IF", "EXISTS")) {
				k += 2;
			}
			else if (st.matches(k, "ONLY") || st.matches(k, "CONCURRENTLY")) {
				k++;
			}
			else {
				return k;
			}
		}
	}

	/**
	 * Whether the word at {@code k} stands where a type does: after a column name that starts a
	 * column definition ({@code (d DATE}, {@code , t TIME(3)}, {@code ADD COLUMN c SERIAL}), or in a
	 * cast ({@code AS time(3)}, {@code ::date}). There {@code date} or {@code time(3)} is a type,
	 * not a function call.
	 */
	public static boolean typePosition(SqlStatement st, int k) {
		SqlToken prev = k > 0 ? st.token(k - 1) : null;
		if (prev == null) {
			return false;
		}
		if (prev.is("AS") || isText(prev, "::")) {
			return true;
		}
		boolean name = prev.kind() == SqlToken.Kind.QUOTED_IDENTIFIER
				|| prev.kind() == SqlToken.Kind.WORD && !EXPRESSION_WORDS.contains(upper(prev));
		SqlToken before = k > 1 ? st.token(k - 2) : null;
		return name && before != null && (isText(before, "(") || isText(before, ",") || before.is("COLUMN")
				|| before.is("EXISTS") || before.is("ADD"));
	}

	/** Whether the word at {@code k} is called: a {@code (} follows, and it is no qualified name's part. */
	public static boolean call(SqlStatement st, int k) {
		return isText(st.token(k + 1), "(") && !(k > 0 && isText(st.token(k - 1), "."));
	}

	public static boolean isText(SqlToken t, String text) {
		return t != null && t.kind() == SqlToken.Kind.SYMBOL && t.text().equals(text);
	}

	public static String upper(SqlToken t) {
		return t == null ? "" : t.text().toUpperCase(Locale.ROOT);
	}

	/** The token's text as written, or {@code name} where the statement ends early. */
	public static String text(SqlToken t) {
		return t == null ? "name" : t.text();
	}
}
