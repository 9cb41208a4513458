package dev.replaysafe.internal.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.Finding;
import dev.replaysafe.Finding.Severity;
import dev.replaysafe.internal.sql.SqlComment;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/** The audit of one file: findings per statement, then waivers applied. */
public final class FileAudit {

	private static final String DIRECTIVE = "replaysafe:";

	private static final String WAIVER = "replaysafe:allow";

	private static final String NO_TRANSACTION = "replaysafe:no-transaction";

	/** The directive as sqlx spells it; {@link SqlScript#hasDirective} reads both spellings. */
	private static final String SQLX_NO_TRANSACTION = "no-transaction";

	/** Functions SQLite has and PostgreSQL lacks (by that name). */
	private static final Set<String> SQLITE_FUNCTIONS = Set.of("datetime", "date", "time", "julianday", "strftime",
			"unixepoch", "ifnull", "iif", "instr", "printf", "group_concat", "randomblob", "last_insert_rowid");

	/** Functions PostgreSQL has and SQLite lacks. */
	private static final Set<String> POSTGRES_FUNCTIONS = Set.of("now", "gen_random_uuid", "uuid_generate_v4",
			"date_trunc", "to_char", "to_timestamp", "to_date", "string_agg", "array_agg", "generate_series", "nextval",
			"currval", "setval", "clock_timestamp", "age");

	/** Words that precede an expression, never a column name: after them {@code date(} is a call. */
	private static final Set<String> EXPRESSION_WORDS = Set.of("SELECT", "DISTINCT", "ALL", "WHERE", "AND", "OR", "NOT",
			"ON", "SET", "THEN", "ELSE", "WHEN", "CASE", "DEFAULT", "VALUES", "RETURNING", "BY", "IN", "IS", "LIKE",
			"BETWEEN", "HAVING", "CHECK", "RETURN", "EXISTS", "FROM", "USING", "END", "ANY", "SOME");


	private final String name;
	private final boolean down;
	/** The file's text, for the no-transaction directive's check of the first line. */
	private String text;
	private final List<Finding> findings = new ArrayList<>();
	/** For each finding, the index of its statement, -1 for the file as a whole. */
	private final List<Integer> statementOf = new ArrayList<>();
	/** Views this file drops with IF EXISTS so far: a CREATE VIEW after such a drop is replay-safe. */
	private final Set<String> droppedViews = new HashSet<>();
	private int current = -1;
	/** The line each statement so far ends on, in file order (so never decreasing): where waivers land. */
	private int[] endLines = new int[16];
	private int statements;

	/** Audits an up file already split (not cached). */
	public static List<Finding> up(SqlScript script) {
		return new FileAudit(script.name(), false).run(script);
	}

	/** Audits a down file: the same rules as an up, and it must not be empty (not cached). */
	public static List<Finding> down(SqlScript script) {
		return new FileAudit(script.name(), true).run(script);
	}

	public FileAudit(String name, boolean down) {
		this.name = name;
		this.down = down;
	}

	/** Audits a file as the lexer streams it: one statement's tokens at a time, directive comments kept. */
	public List<Finding> run(String text) {
		List<SqlComment> directives = new ArrayList<>();
		SqlScript.scan(name, text, this::next, comment -> {
			if (isDirective(comment) || isSqlxDirective(comment)) {
				directives.add(comment);
			}
		});
		return finish(directives, text);
	}

	public List<Finding> run(SqlScript script) {
		script.statements().forEach(this::next);
		return finish(script.comments(), String.join("", script.segments()));
	}

	private void next(SqlStatement st) {
		if (statements == endLines.length) {
			endLines = java.util.Arrays.copyOf(endLines, statements * 2);
		}
		SqlToken last = st.tokens().get(st.tokens().size() - 1);
		endLines[statements] = last.line() + (int) last.text().chars().filter(c -> c == '\n').count();
		current = statements++;
		statement(st);
	}

	private List<Finding> finish(List<SqlComment> comments, String fileText) {
		this.text = fileText;
		current = -1;
		if (down && statements == 0) {
			add(Rule.EMPTY_DOWN, 1, 1, "the down has no executable statement (empty, or comments only), so a "
					+ "rollback would only delete the history row and leave the schema as the up made it",
					Rule.EMPTY_DOWN.fix());
		}
		List<Finding> all = waivers(comments);
		all.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
		return all;
	}

	private void statement(SqlStatement st) {
		int v = verb(st);
		SqlToken head = st.token(v);
		String control = Preflight.transactionControl(st);
		if (control != null) {
			add(Rule.TRANSACTION_CONTROL, st.token(0), control, Rule.TRANSACTION_CONTROL.fix());
		}
		switch (upper(head)) {
			case "CREATE" -> create(st, v);
			case "DROP" -> drop(st, v);
			case "ALTER" -> alter(st, v);
			case "INSERT" -> {
				insert(st, v);
				upsertAfterFrom(st, v);
			}
			case "REPLACE" -> add(Rule.SQLITE_ONLY_SYNTAX, head, "REPLACE INTO is SQLite's; PostgreSQL has no "
					+ "REPLACE", "INSERT ... ON CONFLICT (key) DO UPDATE SET ...");
			case "UPDATE" -> {
				if (depthZero(st, v, "WHERE") < 0) {
					add(Rule.UPDATE_WITHOUT_WHERE, head, "UPDATE without WHERE changes every row on every run; "
							+ "review that running it again is harmless", Rule.UPDATE_WITHOUT_WHERE.fix());
				}
			}
			case "DELETE" -> {
				if (depthZero(st, v, "WHERE") < 0) {
					add(Rule.DELETE_WITHOUT_WHERE, head, "DELETE without WHERE empties the table; review that "
							+ "this is meant", Rule.DELETE_WITHOUT_WHERE.fix());
				}
			}
			case "PRAGMA" -> add(Rule.SQLITE_ONLY_SYNTAX, head, "PRAGMA is SQLite's", "leave database settings "
					+ "to the connection (JDBC URL or pool), not to a migration");
			case "TRUNCATE" -> add(Rule.POSTGRES_ONLY_SYNTAX, head, "TRUNCATE is PostgreSQL's; SQLite has none",
					"DELETE FROM t WHERE ... (only the rows meant)");
			case "COMMENT" -> add(Rule.POSTGRES_ONLY_SYNTAX, head, "COMMENT ON is PostgreSQL's", "a -- comment "
					+ "in the migration file");
			case "DO" -> add(Rule.POSTGRES_ONLY_SYNTAX, head, "a DO block is PostgreSQL's", "portable SQL "
					+ "statements, each replay-safe on its own");
			default -> {
			}
		}
		tokens(st);
		schemaQualifiers(st);
	}

	/** The main statement's first token: after a {@code WITH} clause, the verb that follows it. */
	private static int verb(SqlStatement st) {
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

	private void create(SqlStatement st, int v) {
		SqlToken head = st.token(v);
		int i = v + 1;
		boolean orReplace = st.matches(i, "OR", "REPLACE");
		if (orReplace) {
			add(Rule.POSTGRES_ONLY_SYNTAX, st.token(i), "CREATE OR REPLACE is PostgreSQL's; SQLite has none",
					"DROP VIEW IF EXISTS v; CREATE VIEW v AS ... (for a view)");
			i += 2;
		}
		while (st.matches(i, "TEMP") || st.matches(i, "TEMPORARY") || st.matches(i, "UNLOGGED")
				|| st.matches(i, "RECURSIVE") || st.matches(i, "GLOBAL") || st.matches(i, "LOCAL")) {
			i++;
		}
		String kind = st.matches(i, "UNIQUE") ? "UNIQUE " + upper(st.token(++i)) : upper(st.token(i));
		switch (kind) {
			case "TABLE", "INDEX", "UNIQUE INDEX", "SEQUENCE", "SCHEMA" -> {
				if (kind.equals("SEQUENCE") || kind.equals("SCHEMA")) {
					add(Rule.POSTGRES_ONLY_SYNTAX, head, "CREATE " + kind + " is PostgreSQL's; SQLite has no "
							+ kind.toLowerCase(Locale.ROOT) + "s", "application-generated ids; one schema");
				}
				int g = st.matches(i + 1, "CONCURRENTLY") ? i + 2 : i + 1;
				if (kind.endsWith("INDEX") && st.matches(g, "ON")) {
					add(Rule.CREATE_WITHOUT_IF_NOT_EXISTS, head, "CREATE " + kind + " without a name cannot be "
							+ "guarded and creates another index on every run",
							"name it: CREATE " + kind + " IF NOT EXISTS ix_name ON ...");
				}
				else if (!st.matches(g, "IF", "NOT", "EXISTS")) {
					add(Rule.CREATE_WITHOUT_IF_NOT_EXISTS, head, "CREATE " + kind + " without IF NOT EXISTS fails "
							+ "when the file runs again", "CREATE " + kind + " IF NOT EXISTS " + text(st.token(g))
							+ " ...");
				}
			}
			case "MATERIALIZED" -> {
				add(Rule.POSTGRES_ONLY_SYNTAX, head, "CREATE MATERIALIZED VIEW is PostgreSQL's", "a plain view "
						+ "(DROP VIEW IF EXISTS v; CREATE VIEW v AS ...) or a table the application fills");
			}
			case "VIEW" -> {
				if (st.matches(i + 1, "IF", "NOT", "EXISTS")) {
					add(Rule.SQLITE_ONLY_SYNTAX, st.token(i + 1), "CREATE VIEW IF NOT EXISTS is SQLite's; "
							+ "PostgreSQL has no IF NOT EXISTS for views", Rule.CREATE_VIEW_WITHOUT_DROP.fix());
				}
				else if (!orReplace && !droppedViews.contains(name(st, i + 1))) {
					add(Rule.CREATE_VIEW_WITHOUT_DROP, head, "CREATE VIEW " + text(st.token(i + 1)) + " fails when "
							+ "the file runs again: no DROP VIEW IF EXISTS " + text(st.token(i + 1))
							+ " comes before it in the file", "DROP VIEW IF EXISTS " + text(st.token(i + 1))
							+ "; before it (PostgreSQL has no CREATE VIEW IF NOT EXISTS, SQLite no CREATE OR "
							+ "REPLACE VIEW)");
				}
			}
			case "TRIGGER" -> add(Rule.CREATE_TRIGGER, head, "CREATE TRIGGER is not portable: SQLite and "
					+ "PostgreSQL write trigger bodies differently", Rule.CREATE_TRIGGER.fix());
			case "TYPE", "DOMAIN" -> add(Rule.CREATE_TYPE_WITHOUT_GUARD, head, "CREATE " + kind + " fails when "
					+ "the file runs again (PostgreSQL has no CREATE " + kind + " IF NOT EXISTS) and SQLite has no "
					+ "user-defined types", Rule.CREATE_TYPE_WITHOUT_GUARD.fix());
			case "EXTENSION", "FUNCTION", "PROCEDURE", "AGGREGATE", "RULE", "POLICY", "ROLE", "OPERATOR",
					"CAST", "COLLATION" -> add(Rule.POSTGRES_ONLY_SYNTAX, head, "CREATE " + kind
							+ " is PostgreSQL's; SQLite has none", "keep the migrations to tables, indexes, views "
									+ "and data; do the rest in the application");
			case "VIRTUAL" -> add(Rule.SQLITE_ONLY_SYNTAX, head, "CREATE VIRTUAL TABLE is SQLite's",
					"a plain table");
			default -> {
			}
		}
	}

	private void drop(SqlStatement st, int v) {
		int i = v + 1;
		int guard = -1;
		for (int j = i; j <= i + 3; j++) {
			if (st.matches(j, "IF", "EXISTS")) {
				guard = j;
				break;
			}
		}
		String kind = st.matches(i, "MATERIALIZED") ? "MATERIALIZED " + upper(st.token(i + 1)) : upper(st.token(i));
		if (guard < 0) {
			add(Rule.DROP_WITHOUT_IF_EXISTS, st.token(v), "DROP " + kind + " without IF EXISTS fails when the file "
					+ "runs again (or a down that failed half way is run again)", "DROP " + kind + " IF EXISTS "
							+ text(st.token(i + 1)));
		}
		else if (kind.equals("VIEW")) {
			// DROP VIEW IF EXISTS a, b: each of them may be created again below.
			for (int j = guard + 2; st.token(j) != null; j++) {
				droppedViews.add(name(st, j));
				j = depthZero(st, j, ",");
				if (j < 0) {
					break;
				}
			}
		}
	}

	private void alter(SqlStatement st, int v) {
		SqlToken head = st.token(v);
		if (!st.matches(v + 1, "TABLE")) {
			int rename = depthZero(st, v + 1, "RENAME");
			if (rename >= 0) {
				add(Rule.RENAME, st.token(rename), "ALTER " + upper(st.token(v + 1)) + " ... RENAME fails when the "
						+ "file runs again", "create the new object and drop the old one, each guarded");
			}
			else {
				add(Rule.POSTGRES_ONLY_SYNTAX, head, "ALTER " + upper(st.token(v + 1)) + " is PostgreSQL's; SQLite "
						+ "alters only tables", "keep schema changes to tables, indexes and views");
			}
			return;
		}
		int i = v + 2;
		if (st.matches(i, "IF", "EXISTS") || st.matches(i, "ONLY")) {
			add(Rule.POSTGRES_ONLY_SYNTAX, st.token(i), "ALTER TABLE " + upper(st.token(i)) + " is PostgreSQL's",
					"ALTER TABLE t ...");
			i += st.matches(i, "ONLY") ? 1 : 2;
		}
		i += st.token(i + 1) != null && st.token(i + 1).text().equals(".") ? 3 : 1;
		String table = text(st.token(i - 1));
		int actions = 0;
		for (int a = i; st.token(a) != null; a++) {
			actions++;
			action(st, a, table);
			a = depthZero(st, a, ",");
			if (a < 0) {
				break;
			}
		}
		if (actions > 1) {
			add(Rule.ALTER_TABLE_NOT_PORTABLE, head, "ALTER TABLE with " + actions + " actions: SQLite runs one "
					+ "action per ALTER TABLE", "one ALTER TABLE statement per action");
		}
	}

	private void action(SqlStatement st, int a, String table) {
		SqlToken at = st.token(a);
		String verb = upper(at);
		int k = a + 1;
		boolean column = st.matches(k, "COLUMN");
		if (column) {
			k++;
		}
		boolean constraint = !column && (st.matches(k, "CONSTRAINT") || verb.equals("ADD")
				&& (st.matches(k, "PRIMARY") || st.matches(k, "UNIQUE") || st.matches(k, "FOREIGN")
						|| st.matches(k, "CHECK") || st.matches(k, "EXCLUDE")));
		if (constraint) {
			add(Rule.ALTER_TABLE_NOT_PORTABLE, at, "ALTER TABLE ... " + verb + " " + upper(st.token(k))
					+ ": SQLite cannot add or drop a table's constraints (and PostgreSQL has no IF NOT EXISTS "
					+ "for them)", "declare constraints in CREATE TABLE; for uniqueness CREATE UNIQUE INDEX IF NOT "
							+ "EXISTS ux ON t (c)");
		}
		else if (verb.equals("ADD")) {
			if (!st.matches(k, "IF", "NOT", "EXISTS")) {
				add(Rule.ADD_COLUMN_WITHOUT_IF_NOT_EXISTS, at, "ADD COLUMN " + text(st.token(k)) + " without IF "
						+ "NOT EXISTS fails when the file runs again", "ADD COLUMN IF NOT EXISTS "
								+ text(st.token(k)) + " ... (replaysafe emulates it on SQLite)");
			}
		}
		else if (verb.equals("DROP")) {
			if (!st.matches(k, "IF", "EXISTS")) {
				add(Rule.DROP_COLUMN_WITHOUT_IF_EXISTS, at, "DROP COLUMN " + text(st.token(k)) + " without IF "
						+ "EXISTS fails when the file runs again", "DROP COLUMN IF EXISTS " + text(st.token(k))
								+ " (replaysafe emulates it on SQLite)");
			}
		}
		else if (verb.equals("RENAME") && st.matches(a + 1, "TO")) {
			add(Rule.RENAME, at, "RENAME TO renames the table and fails when the file runs again, on both "
					+ "databases", "CREATE TABLE IF NOT EXISTS " + text(st.token(a + 2)) + " (...); copy the rows "
							+ "(INSERT ... SELECT ... ON CONFLICT DO NOTHING); DROP TABLE IF EXISTS " + table
							+ " in a later migration, once nothing reads it");
		}
		else if (verb.equals("RENAME")) {
			String from = text(st.token(k));
			String to = st.matches(k + 1, "TO") ? text(st.token(k + 2)) : "new_name";
			add(Rule.RENAME, at, "RENAME COLUMN renames " + from + " and fails when the file runs again, on both "
					+ "databases", "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + to + " <type>; UPDATE "
							+ table + " SET " + to + " = " + from + " WHERE " + to + " IS NULL; DROP COLUMN IF EXISTS "
							+ from + " in a later migration, once nothing reads it");
		}
		else {
			add(Rule.ALTER_TABLE_NOT_PORTABLE, at, "ALTER TABLE ... " + verb + " is not in SQLite, whose ALTER "
					+ "TABLE only adds, drops and renames columns", "add a new column, backfill it, and drop the "
							+ "old one; or rebuild the table");
		}
	}

	private void insert(SqlStatement st, int v) {
		SqlToken head = st.token(v);
		if (st.matches(v + 1, "OR")) {
			add(Rule.SQLITE_ONLY_SYNTAX, head, "INSERT OR " + upper(st.token(v + 2)) + " is SQLite's",
					"INSERT ... ON CONFLICT (key) DO NOTHING (or DO UPDATE SET ...)");
			return;
		}
		for (int k = v + 1; k < st.tokens().size(); k++) {
			if (st.matches(k, "ON", "CONFLICT")) {
				for (int d = k + 2; d < st.tokens().size(); d++) {
					if (st.matches(d, "DO", "NOTHING") || st.matches(d, "DO", "UPDATE")) {
						return;
					}
				}
			}
			if (st.matches(k, "WHERE", "NOT", "EXISTS")) {
				return;
			}
		}
		add(Rule.INSERT_WITHOUT_CONFLICT_GUARD, head, "INSERT without ON CONFLICT ... DO NOTHING (or DO UPDATE) "
				+ "or WHERE NOT EXISTS fails or duplicates rows when the file runs again",
				Rule.INSERT_WITHOUT_CONFLICT_GUARD.fix());
	}

	/**
	 * SQLite's parser takes an ON right after a SELECT's FROM list for a join's ON, so
	 * {@code INSERT ... SELECT ... FROM s ON CONFLICT ...} is a syntax error there (near "DO")
	 * while PostgreSQL runs it. Any clause that ends the FROM list first (WHERE, GROUP BY, HAVING,
	 * WINDOW, ORDER BY, LIMIT, or a join's own ON or USING) removes the ambiguity, and so does a
	 * SELECT without FROM: those run on both (checked on both databases by PortabilityRulesTest).
	 */
	private void upsertAfterFrom(SqlStatement st, int v) {
		int on = depthZero(st, v + 1, "ON");
		while (on >= 0 && !st.matches(on + 1, "CONFLICT")) {
			on = depthZero(st, on + 1, "ON");
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
						add(Rule.INSERT_SELECT_UPSERT_AMBIGUITY, st.token(on), "ON CONFLICT right after the "
								+ "SELECT's FROM list is a syntax error on SQLite (near \"DO\"): its parser reads "
								+ "that ON as a join's ON (sqlite.org/lang_upsert.html, Parsing Ambiguity); "
								+ "PostgreSQL accepts it", "end the SELECT with a WHERE clause before ON CONFLICT: "
										+ "INSERT INTO t (...) SELECT ... FROM s WHERE true ON CONFLICT DO NOTHING");
						return;
					}
					case "SELECT", "VALUES", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "OFFSET",
							"ON", "USING" -> {
						return;
					}
					default -> {
					}
				}
			}
		}
	}

	/**
	 * Schema-qualified names: SQLite's qualifiers are its databases (main, temp and attached ones),
	 * PostgreSQL's are its schemas (public, pg_temp, ...), and neither knows the other's. Only names
	 * in table positions count, where {@code t.c} cannot be a column: after FROM (of a query, not
	 * of {@code EXTRACT(... FROM x)} or {@code IS DISTINCT FROM}), JOIN, INTO, UPDATE, TABLE, INDEX,
	 * VIEW, TRIGGER, REFERENCES, a CREATE INDEX's ON, and the commas of a FROM list or a DROP. A
	 * three-part name ({@code main.t.c}) is schema-qualified wherever it stands.
	 */
	private void schemaQualifiers(SqlStatement st) {
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
					qualified(st, k + 1, flagged);
				}
			}
			else if (t.kind() == SqlToken.Kind.WORD) {
				switch (upper(t)) {
					case "FROM" -> {
						if (level[0] && !(k > 0 && st.token(k - 1).is("DISTINCT"))) {
							level[1] = true;
							qualified(st, k + 1, flagged);
						}
					}
					case "JOIN", "INTO", "UPDATE", "TABLE", "INDEX", "VIEW", "TRIGGER", "REFERENCES" ->
						qualified(st, afterGuards(st, k + 1), flagged);
					case "ON" -> {
						if (createIndex && levels.size() == 1) {
							qualified(st, afterGuards(st, k + 1), flagged);
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
				qualified(st, k, flagged);
			}
		}
	}

	/** The index after {@code IF [NOT] EXISTS}, {@code ONLY} or {@code CONCURRENTLY} at {@code k}. */
	private static int afterGuards(SqlStatement st, int k) {
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

	/** Reports the name at {@code k} if it is qualified ({@code q.t}), once. */
	private void qualified(SqlStatement st, int k, Set<Integer> flagged) {
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
		add(Rule.SCHEMA_QUALIFIED_NAME, qualifier, qualifier.text() + "." + rest + " is schema-qualified: " + why,
				"drop the qualifier: " + rest + " (each database finds a bare name in its default schema: "
						+ "SQLite's main, PostgreSQL's search_path)");
	}

	private static boolean nameAt(SqlStatement st, int k) {
		SqlToken t = st.token(k);
		return t != null && (t.kind() == SqlToken.Kind.WORD || t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER);
	}

	/** Rules about single tokens, anywhere in a statement. */
	private void tokens(SqlStatement st) {
		List<SqlToken> tokens = st.tokens();
		for (int k = 0; k < tokens.size(); k++) {
			SqlToken t = tokens.get(k);
			if (t.kind() == SqlToken.Kind.PLACEHOLDER) {
				add(Rule.BIND_PLACEHOLDER, t, "bind placeholder " + t.text() + " in a migration: migrations run as "
						+ "written, never with parameters", Rule.BIND_PLACEHOLDER.fix());
				continue;
			}
			if (t.kind() == SqlToken.Kind.SYMBOL && t.text().equals("::")) {
				add(Rule.POSTGRES_ONLY_SYNTAX, t, "the :: cast is PostgreSQL's", "CAST(x AS type)");
				continue;
			}
			if (t.kind() != SqlToken.Kind.WORD) {
				continue;
			}
			String word = t.text().toLowerCase(Locale.ROOT);
			boolean call = isText(st.token(k + 1), "(") && !(k > 0 && isText(st.token(k - 1), "."));
			if (call && SQLITE_FUNCTIONS.contains(word) && !typePosition(st, k)) {
				add(Rule.SQLITE_ONLY_FUNCTION, t, word + "() is a SQLite function; PostgreSQL has none by that "
						+ "name", word.startsWith("date") || word.equals("time") ? "CURRENT_TIMESTAMP, "
								+ "CURRENT_DATE or CURRENT_TIME, or a value the application computes"
								: Rule.SQLITE_ONLY_FUNCTION.fix());
			}
			else if (call && POSTGRES_FUNCTIONS.contains(word)) {
				add(Rule.POSTGRES_ONLY_SYNTAX, t, word + "() is a PostgreSQL function; SQLite has none by that name",
						word.equals("now") || word.equals("clock_timestamp") ? "CURRENT_TIMESTAMP"
								: "a value the application computes, or portable SQL");
			}
			switch (word) {
				case "autoincrement" -> add(Rule.SQLITE_ONLY_SYNTAX, t, "AUTOINCREMENT is SQLite's", "ids the "
						+ "application generates (UUID strings, as the reference schema does)");
				case "without" -> {
					if (st.matches(k + 1, "ROWID")) {
						add(Rule.SQLITE_ONLY_SYNTAX, t, "WITHOUT ROWID is SQLite's", "a plain table with a "
								+ "PRIMARY KEY");
					}
				}
				case "serial", "bigserial", "smallserial", "serial2", "serial4", "serial8" -> {
					if (typePosition(st, k)) {
						add(Rule.POSTGRES_ONLY_SYNTAX, t, upper(t) + " is PostgreSQL's", "ids the application "
								+ "generates (UUID strings, as the reference schema does)");
					}
				}
				case "identity" -> {
					if (k > 0 && st.token(k - 1).is("AS")) {
						add(Rule.POSTGRES_ONLY_SYNTAX, t, "GENERATED ... AS IDENTITY is PostgreSQL's", "ids the "
								+ "application generates (UUID strings, as the reference schema does)");
					}
				}
				case "jsonb" -> add(Rule.POSTGRES_ONLY_SYNTAX, t, "JSONB is PostgreSQL's", "TEXT holding JSON "
						+ "the application reads and writes");
				case "ilike" -> add(Rule.POSTGRES_ONLY_SYNTAX, t, "ILIKE is PostgreSQL's", "LOWER(x) LIKE "
						+ "LOWER(pattern)");
				case "concurrently" -> add(Rule.POSTGRES_ONLY_SYNTAX, t, "CONCURRENTLY is PostgreSQL's",
						"a plain CREATE INDEX IF NOT EXISTS; on PostgreSQL only, waive this with a reason");
				case "timestamptz", "timetz" -> add(Rule.TIMESTAMP_NOT_PORTABLE, t, upper(t) + " means an instant "
						+ "on PostgreSQL and plain text on SQLite", Rule.TIMESTAMP_NOT_PORTABLE.fix());
				case "with" -> {
					if (st.matches(k + 1, "TIME", "ZONE")) {
						add(Rule.TIMESTAMP_NOT_PORTABLE, t, "WITH TIME ZONE means an instant on PostgreSQL and "
								+ "plain text on SQLite", Rule.TIMESTAMP_NOT_PORTABLE.fix());
					}
				}
				case "datetime" -> {
					if (!call && typePosition(st, k)) {
						add(Rule.TIMESTAMP_NOT_PORTABLE, t, "DATETIME is not a PostgreSQL type",
								Rule.TIMESTAMP_NOT_PORTABLE.fix());
					}
				}
				default -> {
				}
			}
		}
	}

	/**
	 * Whether the word at {@code k} stands where a type does: after a column name that starts a
	 * column definition ({@code (d DATE}, {@code , t TIME(3)}, {@code ADD COLUMN c SERIAL}), or in a
	 * cast ({@code AS time(3)}, {@code ::date}). There {@code date} or {@code time(3)} is a type,
	 * not a function call.
	 */
	private static boolean typePosition(SqlStatement st, int k) {
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

	/**
	 * Applies the file's waivers: each names a rule and a reason and accepts that rule's findings in
	 * its statement. A waiver without a known rule or a reason is itself a finding, and waives
	 * nothing; one that waives nothing is a warning (it is stale or misplaced).
	 */
	private List<Finding> waivers(List<SqlComment> comments) {
		List<Finding> all = new ArrayList<>(findings);
		// Findings by statement and rule, and the reason each waived pair ends with (a later waiver
		// of the same pair overrides an earlier one): one pass over comments and findings, not one per waiver.
		Map<Waived, List<Integer>> byStatement = new HashMap<>();
		for (int f = 0; f < findings.size(); f++) {
			byStatement.computeIfAbsent(new Waived(statementOf.get(f), findings.get(f).rule()), k -> new ArrayList<>())
				.add(f);
		}
		Map<Waived, String> reasons = new HashMap<>();
		for (SqlComment comment : comments) {
			if (!isDirective(comment)) {
				String problem = sqlxDirective(comment);
				if (problem != null) {
					all.add(finding(Rule.INVALID_DIRECTIVE, comment.line(), 1, problem, Rule.INVALID_DIRECTIVE.fix()));
				}
				continue;
			}
			if (!comment.text().regionMatches(true, 0, WAIVER, 0, WAIVER.length())) {
				String problem = directive(comment);
				if (problem != null) {
					all.add(finding(Rule.INVALID_DIRECTIVE, comment.line(), 1, problem, Rule.INVALID_DIRECTIVE.fix()));
				}
				continue;
			}
			String[] parts = comment.text().substring(WAIVER.length()).strip().split("\\s+", 2);
			Rule rule = Rule.byId(parts[0]);
			String reason = parts.length > 1 ? parts[1].strip() : "";
			if (rule == null || reason.isEmpty() || rule == Rule.INVALID_WAIVER) {
				all.add(finding(Rule.INVALID_WAIVER, comment.line(), 1, rule == null || rule == Rule.INVALID_WAIVER
						? "the waiver names " + (parts[0].isEmpty() ? "no rule" : "an unknown rule '" + parts[0]
								+ "'") + " and waives nothing"
						: "the waiver of " + rule.id() + " gives no reason and waives nothing",
						Rule.INVALID_WAIVER.fix() + " (rule ids are listed in the README, section The audit)"));
				continue;
			}
			Waived target = new Waived(target(comment.line()), rule.id());
			if (byStatement.containsKey(target)) {
				reasons.put(target, reason);
			}
			else {
				all.add(finding(Rule.UNUSED_WAIVER, comment.line(), 1, "the waiver of " + rule.id() + " waives "
						+ "nothing: its statement has no such finding", Rule.UNUSED_WAIVER.fix()));
			}
		}
		reasons.forEach((target, reason) -> byStatement.get(target).forEach(f -> all.set(f, all.get(f).waive(reason))));
		return all;
	}

	/** A statement (-1: the file) and a rule id: what a waiver accepts. */
	private record Waived(int statement, String rule) {
	}

	private static boolean isDirective(SqlComment comment) {
		return comment.text().regionMatches(true, 0, DIRECTIVE, 0, DIRECTIVE.length());
	}

	private static boolean isSqlxDirective(SqlComment comment) {
		return comment.text().regionMatches(true, 0, SQLX_NO_TRANSACTION, 0, SQLX_NO_TRANSACTION.length());
	}

	/** What is wrong with a directive other than a waiver, or null if the engine honours it. */
	private String directive(SqlComment comment) {
		if (!comment.text().regionMatches(true, 0, NO_TRANSACTION, 0, NO_TRANSACTION.length())) {
			return comment.text().split("\\s+")[0] + " is no replaysafe directive (known: replaysafe:allow, "
					+ "replaysafe:no-transaction)";
		}
		if (down) {
			return "a down always runs in a transaction: replaysafe:no-transaction is read in ups only";
		}
		return honoured(comment) ? null : "replaysafe:no-transaction is honoured only where the file starts with "
				+ "-- replaysafe:no-transaction (as written, lower case, nothing before it but a byte order mark); "
				+ "here it is ignored and the file would run in a transaction";
	}

	/**
	 * What is wrong with sqlx's spelling, {@code -- no-transaction}, or null if it is no such comment
	 * or the engine honours it. sqlx reads it where the file starts with it, and in downs too.
	 */
	private String sqlxDirective(SqlComment comment) {
		if (!isSqlxDirective(comment)) {
			return null;
		}
		if (down) {
			return "a down always runs in a transaction: -- no-transaction (which sqlx honours in downs) is read "
					+ "in ups only";
		}
		return honoured(comment) ? null : "-- no-transaction is honoured only where the file starts with it (sqlx's "
				+ "rule: as written, lower case, nothing before it); here it is ignored and the file would run in a "
				+ "transaction";
	}

	/** Whether this directive comment is the one the engine reads: the start of the file. */
	private boolean honoured(SqlComment comment) {
		return comment.line() == 1 && SqlScript.hasDirective(text, SQLX_NO_TRANSACTION);
	}

	/** The statement a waiver on {@code line} applies to: the first that ends on or after it; -1 for the file. */
	private int target(int line) {
		// endLines never decrease: the first statement ending on or after the line, by binary search.
		int low = 0;
		int high = statements;
		while (low < high) {
			int mid = (low + high) >>> 1;
			if (endLines[mid] >= line) {
				high = mid;
			}
			else {
				low = mid + 1;
			}
		}
		return low < statements ? low : -1;
	}

	private void add(Rule rule, SqlToken at, String message, String fix) {
		add(rule, at.line(), at.column(), message, fix);
	}

	private void add(Rule rule, int line, int column, String message, String fix) {
		findings.add(finding(rule, line, column, message, fix));
		statementOf.add(current);
	}

	private Finding finding(Rule rule, int line, int column, String message, String fix) {
		return new Finding(name, line, column, rule.id(), rule.severity(), message, fix, null);
	}

	/** Index of the first {@code word} (or symbol) at parenthesis depth 0 from {@code from}, or -1. */
	private static int depthZero(SqlStatement st, int from, String word) {
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
	private static String name(SqlStatement st, int k) {
		SqlToken t = st.token(k);
		if (t == null) {
			return "";
		}
		if (isText(st.token(k + 1), ".") && st.token(k + 2) != null) {
			return t.identifier() + "." + st.token(k + 2).identifier();
		}
		return t.identifier();
	}

	private static boolean isText(SqlToken t, String text) {
		return t != null && t.kind() == SqlToken.Kind.SYMBOL && t.text().equals(text);
	}

	private static String upper(SqlToken t) {
		return t == null ? "" : t.text().toUpperCase(Locale.ROOT);
	}

	private static String text(SqlToken t) {
		return t == null ? "name" : t.text();
	}
}
