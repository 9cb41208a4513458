package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.afterGuards;
import static dev.replaysafe.internal.audit.rules.Tokens.isText;
import static dev.replaysafe.internal.audit.rules.Tokens.nameAt;
import static dev.replaysafe.internal.audit.rules.Tokens.upper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * {@code schema-qualified-name}: SQLite's qualifiers are its databases (main, temp and attached
 * ones), PostgreSQL's are its schemas (public, pg_temp, ...), and neither knows the other's. Only
 * names in table positions count, where {@code t.c} cannot be a column: after FROM (of a query,
 * not of {@code EXTRACT(... FROM x)} or {@code IS DISTINCT FROM}), JOIN, INTO, UPDATE, TABLE,
 * INDEX, VIEW, TRIGGER, REFERENCES, a CREATE INDEX's ON, and the commas of a FROM list or a DROP.
 * A three-part name ({@code main.t.c}) is schema-qualified wherever it stands.
 */
public final class SchemaQualifiedName implements Check {

	@Override
	public Rule rule() {
		return Rule.SCHEMA_QUALIFIED_NAME;
	}

	@Override
	public void statement(Statement statement, Report report) {
		SqlStatement st = statement.sql();
		int kind = st.matches(1, "UNIQUE") ? 2 : 1;
		boolean createIndex = st.matches(0, "CREATE") && (st.matches(kind, "INDEX") || st.matches(kind, "TRIGGER"));
		boolean drop = st.matches(0, "DROP");
		// Per parenthesis depth: whether it holds a query (its FROM lists tables), and whether a FROM list is open.
		List<boolean[]> levels = new ArrayList<>();
		levels.add(new boolean[] { true, false });
		Set<Integer> flagged = new HashSet<>();
		for (int k = 0; k < st.tokens().size(); k++) {
			SqlToken t = st.token(k);
			boolean[] level = levels.get(levels.size() - 1);
			if (isText(t, "(")) {
				levels.add(new boolean[] { st.matches(k + 1, "SELECT") || st.matches(k + 1, "WITH")
						|| st.matches(k + 1, "VALUES"), false });
			}
			else if (isText(t, ")")) {
				if (levels.size() > 1) {
					levels.remove(levels.size() - 1);
				}
			}
			else if (isText(t, ",")) {
				if (level[1] || drop && levels.size() == 1) {
					qualified(st, k + 1, flagged, report);
				}
			}
			else if (t.kind() == SqlToken.Kind.WORD) {
				switch (upper(t)) {
					case "FROM" -> {
						if (level[0] && !(k > 0 && st.token(k - 1).is("DISTINCT"))) {
							level[1] = true;
							qualified(st, k + 1, flagged, report);
						}
					}
					case "JOIN", "INTO", "UPDATE", "TABLE", "INDEX", "VIEW", "TRIGGER", "REFERENCES" ->
						qualified(st, afterGuards(st, k + 1), flagged, report);
					case "ON" -> {
						if (createIndex && levels.size() == 1) {
							qualified(st, afterGuards(st, k + 1), flagged, report);
						}
					}
					case "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "SET", "VALUES", "RETURNING",
							"UNION", "INTERSECT", "EXCEPT", "SELECT", "DO" -> level[1] = false;
					default -> {
					}
				}
			}
			if (nameAt(st, k) && isText(st.token(k + 1), ".") && nameAt(st, k + 2) && isText(st.token(k + 3), ".")
					&& (nameAt(st, k + 4) || isText(st.token(k + 4), "*"))
					&& !(k > 0 && isText(st.token(k - 1), "."))) {
				qualified(st, k, flagged, report);
			}
		}
	}

	/** Reports the name at {@code k} if it is qualified ({@code q.t}), once. */
	private void qualified(SqlStatement st, int k, Set<Integer> flagged, Report report) {
		if (!nameAt(st, k) || !isText(st.token(k + 1), ".") || !nameAt(st, k + 2) || !flagged.add(k)) {
			return;
		}
		SqlToken qualifier = st.token(k);
		String schema = qualifier.identifier();
		StringBuilder rest = new StringBuilder(st.token(k + 2).text());
		for (int j = k + 3; isText(st.token(j), ".") && st.token(j + 1) != null; j += 2) {
			rest.append('.').append(st.token(j + 1).text());
		}
		String why = schema.equals("main") || schema.equals("temp")
				? schema + " is SQLite's name for its " + (schema.equals("main") ? "main" : "temporary")
						+ " database; PostgreSQL has no schema " + schema + " (schema \"" + schema
						+ "\" does not exist; a DROP ... IF EXISTS there silently drops nothing)"
				: schema + " is a PostgreSQL schema; SQLite qualifies names only with its databases (main, temp, "
						+ "attached ones) and fails with unknown database " + schema;
		report.add(rule(), qualifier, qualifier.text() + "." + rest + " is schema-qualified: " + why,
				"drop the qualifier: " + rest + " (each database finds a bare name in its default schema: "
						+ "SQLite's main, PostgreSQL's search_path)");
	}
}
