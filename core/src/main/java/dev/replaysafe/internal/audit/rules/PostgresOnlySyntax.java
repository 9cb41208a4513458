package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Tokens.*;

import java.util.Locale;
import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.sql.SqlToken;

/** {@code postgres-only-syntax}: statements, types, operators and functions PostgreSQL has and SQLite lacks. */
public final class PostgresOnlySyntax implements Check {

	/** Functions PostgreSQL has and SQLite lacks. */
	private static final Set<String> FUNCTIONS = Set.of("now", "gen_random_uuid", "uuid_generate_v4", "date_trunc",
			"to_char", "to_timestamp", "to_date", "string_agg", "array_agg", "generate_series", "nextval", "currval",
			"setval", "clock_timestamp", "age");

	/** What CREATE makes on PostgreSQL only, beyond sequences, schemas and materialized views. */
	private static final Set<String> CREATED = Set.of("EXTENSION", "FUNCTION", "PROCEDURE", "AGGREGATE", "RULE",
			"POLICY", "ROLE", "OPERATOR", "CAST", "COLLATION");

	@Override
	public Rule rule() {
		return Rule.POSTGRES_ONLY_SYNTAX;
	}

	@Override
	public Set<String> verbs() {
		return Set.of("CREATE", "ALTER", "TRUNCATE", "COMMENT", "DO");
	}

	@Override
	public void statement(Statement st, Report report) {
		SqlToken head = st.headToken();
		switch (st.head()) {
			case "CREATE" -> create(st, report);
			case "ALTER" -> {
				Statement.AlterTable alter = st.alterTable();
				if (alter == null) {
					if (depthZero(st.sql(), st.verb() + 1, "RENAME") < 0) {
						report.add(rule(), head, "ALTER " + upper(st.token(st.verb() + 1)) + " is PostgreSQL's; SQLite "
								+ "alters only tables", "keep schema changes to tables, indexes and views");
					}
				}
				else if (alter.guard() >= 0) {
					report.add(rule(), st.token(alter.guard()), "ALTER TABLE " + upper(st.token(alter.guard()))
							+ " is PostgreSQL's", "ALTER TABLE t ...");
				}
			}
			case "TRUNCATE" -> report.add(rule(), head, "TRUNCATE is PostgreSQL's; SQLite has none", "DELETE FROM t "
					+ "WHERE ... (only the rows meant)");
			case "COMMENT" -> report.add(rule(), head, "COMMENT ON is PostgreSQL's", "a -- comment in the migration "
					+ "file");
			case "DO" -> report.add(rule(), head, "a DO block is PostgreSQL's", "portable SQL statements, each "
					+ "replay-safe on its own");
			default -> {
			}
		}
	}

	private void create(Statement st, Report report) {
		SqlToken head = st.headToken();
		Statement.Create create = st.create();
		if (create.isOrReplace()) {
			report.add(rule(), st.token(create.orReplace()), "CREATE OR REPLACE is PostgreSQL's; SQLite has none",
					"DROP VIEW IF EXISTS v; CREATE VIEW v AS ... (for a view)");
		}
		String kind = create.kind();
		if (kind.equals("SEQUENCE") || kind.equals("SCHEMA")) {
			report.add(rule(), head, "CREATE " + kind + " is PostgreSQL's; SQLite has no "
					+ kind.toLowerCase(Locale.ROOT) + "s", "application-generated ids; one schema");
		}
		else if (kind.equals("MATERIALIZED")) {
			report.add(rule(), head, "CREATE MATERIALIZED VIEW is PostgreSQL's", "a plain view (DROP VIEW IF EXISTS "
					+ "v; CREATE VIEW v AS ...) or a table the application fills");
		}
		else if (CREATED.contains(kind)) {
			report.add(rule(), head, "CREATE " + kind + " is PostgreSQL's; SQLite has none", "keep the migrations to "
					+ "tables, indexes, views and data; do the rest in the application");
		}
	}

	@Override
	public boolean readsTokens() {
		return true;
	}

	@Override
	public void token(Statement st, int k, SqlToken t, String word, Report report) {
		if (word == null) {
			if (t.kind() == SqlToken.Kind.SYMBOL && t.text().equals("::")) {
				report.add(rule(), t, "the :: cast is PostgreSQL's", "CAST(x AS type)");
			}
			return;
		}
		if (FUNCTIONS.contains(word) && call(st.sql(), k)) {
			report.add(rule(), t, word + "() is a PostgreSQL function; SQLite has none by that name",
					word.equals("now") || word.equals("clock_timestamp") ? "CURRENT_TIMESTAMP"
							: "a value the application computes, or portable SQL");
		}
		switch (word) {
			case "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8" -> {
				if (typePosition(st.sql(), k)) {
					report.add(rule(), t, upper(t) + " is PostgreSQL's", "ids the application generates (UUID "
							+ "strings, as the reference schema does)");
				}
			}
			case "identity" -> {
				if (k > 0 && st.token(k - 1).is("AS")) {
					report.add(rule(), t, "GENERATED ... AS IDENTITY is PostgreSQL's", "ids the application "
							+ "generates (UUID strings, as the reference schema does)");
				}
			}
			case "jsonb" -> report.add(rule(), t, "JSONB is PostgreSQL's", "TEXT holding JSON the application reads "
					+ "and writes");
			case "ilike" -> report.add(rule(), t, "ILIKE is PostgreSQL's", "LOWER(x) LIKE LOWER(pattern)");
			case "concurrently" -> report.add(rule(), t, "CONCURRENTLY is PostgreSQL's", "a plain CREATE INDEX IF NOT "
					+ "EXISTS; on PostgreSQL only, waive this with a reason");
			default -> {
			}
		}
	}
}
