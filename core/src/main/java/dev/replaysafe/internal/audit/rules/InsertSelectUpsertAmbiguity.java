package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * {@code insert-select-upsert-ambiguity}: SQLite's parser takes an ON right after a SELECT's FROM
 * list for a join's ON, so {@code INSERT ... SELECT ... FROM s ON CONFLICT ...} is a syntax error
 * there (near "DO") while PostgreSQL runs it. Any clause that ends the FROM list first (WHERE,
 * GROUP BY, HAVING, WINDOW, ORDER BY, LIMIT, or a join's own ON or USING) removes the ambiguity,
 * and so does a SELECT without FROM: those run on both (checked on both databases by
 * PortabilityRulesTest).
 */
public final class InsertSelectUpsertAmbiguity implements Check {

	@Override
	public Rule rule() {
		return Rule.INSERT_SELECT_UPSERT_AMBIGUITY;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("INSERT");
	}

	@Override
	public void statement(Statement st, Report report) {
		int v = st.verb();
		int on = depthZero(st.sql(), v + 1, "ON");
		while (on >= 0 && !st.matches(on + 1, "CONFLICT")) {
			on = depthZero(st.sql(), on + 1, "ON");
		}
		int depth = 0;
		for (int k = on - 1; k > v; k--) {
			SqlToken t = st.token(k);
			if (isText(t, ")")) {
				depth++;
			}
			else if (isText(t, "(")) {
				depth--;
			}
			else if (depth == 0 && t.kind() == SqlToken.Kind.WORD && !st.token(k - 1).is("DISTINCT")) {
				switch (upper(t)) {
					case "FROM", "JOIN" -> {
						report.add(rule(), st.token(on), "ON CONFLICT right after the SELECT's FROM list is a syntax "
								+ "error on SQLite (near \"DO\"): its parser reads that ON as a join's ON "
								+ "(sqlite.org/lang_upsert.html, Parsing Ambiguity); PostgreSQL accepts it", "end the "
										+ "SELECT with a WHERE clause before ON CONFLICT: INSERT INTO t (...) SELECT "
										+ "... FROM s WHERE true ON CONFLICT DO NOTHING");
						return;
					}
					case "SELECT", "VALUES", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET", "ON",
							"USING" -> {
						return;
					}
					default -> {
					}
				}
			}
		}
	}
}
