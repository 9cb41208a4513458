package dev.replaysafe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.replaysafe.Finding.Severity;

/**
 * The static audit: checks, before anything runs, that every statement of a migration file can
 * run twice (replay safety) and runs the same on SQLite and PostgreSQL (portability), and that
 * every down does something.
 *
 * <p>It reads the lexer's tokens, never the raw text, so a keyword inside a string, a comment or
 * a dollar-quoted body is not mistaken for SQL. Each {@link Rule} has a stable id; a finding is
 * accepted in the file itself with {@code -- replaysafe:allow <rule-id> <reason>}, which applies
 * to the statement the comment is in or ends on, or else the next statement (in a file without
 * statements, to the whole file). A waived finding stays in the report, with its reason.
 */
public final class Audit {

	/** Every rule the audit applies, with its stable id (the one waivers name). */
	public enum Rule {

		CREATE_WITHOUT_IF_NOT_EXISTS("create-without-if-not-exists", Severity.ERROR,
				"CREATE TABLE, INDEX or UNIQUE INDEX (also SEQUENCE, SCHEMA) without IF NOT EXISTS",
				"CREATE TABLE IF NOT EXISTS t (...); CREATE INDEX IF NOT EXISTS ix ON t (...)"),
		CREATE_VIEW_WITHOUT_DROP("create-view-without-drop", Severity.ERROR,
				"CREATE VIEW not preceded in its file by DROP VIEW IF EXISTS of the same view",
				"DROP VIEW IF EXISTS v; CREATE VIEW v AS ... (PostgreSQL has no CREATE VIEW IF NOT EXISTS, SQLite no "
						+ "CREATE OR REPLACE VIEW)"),
		DROP_WITHOUT_IF_EXISTS("drop-without-if-exists", Severity.ERROR,
				"DROP TABLE, INDEX, VIEW, ... without IF EXISTS",
				"DROP TABLE IF EXISTS t"),
		ADD_COLUMN_WITHOUT_IF_NOT_EXISTS("add-column-without-if-not-exists", Severity.ERROR,
				"ALTER TABLE ... ADD COLUMN without IF NOT EXISTS",
				"ALTER TABLE t ADD COLUMN IF NOT EXISTS c ... (replaysafe emulates it on SQLite)"),
		DROP_COLUMN_WITHOUT_IF_EXISTS("drop-column-without-if-exists", Severity.ERROR,
				"ALTER TABLE ... DROP COLUMN without IF EXISTS",
				"ALTER TABLE t DROP COLUMN IF EXISTS c (replaysafe emulates it on SQLite)"),
		RENAME("rename", Severity.ERROR,
				"RENAME of a table or column (fails when run again, on both databases)",
				"add the new column or table, backfill it (UPDATE ... WHERE new IS NULL), and drop the old one "
						+ "in a later migration"),
		INSERT_WITHOUT_CONFLICT_GUARD("insert-without-conflict-guard", Severity.ERROR,
				"INSERT without ON CONFLICT ... DO NOTHING / DO UPDATE or a WHERE NOT EXISTS guard",
				"INSERT INTO t (...) VALUES (...) ON CONFLICT (key) DO NOTHING"),
		CREATE_TYPE_WITHOUT_GUARD("create-type-without-guard", Severity.ERROR,
				"CREATE TYPE or DOMAIN (PostgreSQL has no IF NOT EXISTS for them; SQLite has no types)",
				"a VARCHAR column with a CHECK constraint (portable); PostgreSQL only: DO $$ BEGIN CREATE TYPE ...; "
						+ "EXCEPTION WHEN duplicate_object THEN NULL; END $$"),
		UPDATE_WITHOUT_WHERE("update-without-where", Severity.WARNING,
				"UPDATE without WHERE: allowed, flagged for review",
				"make it idempotent and bounded: UPDATE t SET c = ... WHERE c IS NULL"),
		DELETE_WITHOUT_WHERE("delete-without-where", Severity.WARNING,
				"DELETE without WHERE: allowed, flagged for review",
				"delete only the rows meant: DELETE FROM t WHERE ..."),
		EMPTY_DOWN("empty-down", Severity.ERROR,
				"a down file with no executable statement (empty, or comments only)",
				"write the statements that undo the up (DROP ... IF EXISTS), or waive it in the down with "
						+ "-- replaysafe:allow empty-down <why it cannot be undone>"),
		CREATE_TRIGGER("create-trigger", Severity.ERROR,
				"CREATE TRIGGER (trigger bodies differ between SQLite and PostgreSQL)",
				"do the work in the application, or in the migration itself"),
		SQLITE_ONLY_FUNCTION("sqlite-only-function", Severity.ERROR,
				"a SQLite-only function call: datetime(, date(, time(, julianday(, strftime(, unixepoch(, also ifnull(, "
						+ "iif(, instr(, printf(, group_concat(, randomblob(, last_insert_rowid(",
				"CURRENT_TIMESTAMP or CURRENT_DATE, or compute the value in the application"),
		SQLITE_ONLY_SYNTAX("sqlite-only-syntax", Severity.ERROR,
				"SQLite-only syntax: AUTOINCREMENT, INSERT OR IGNORE|REPLACE, REPLACE INTO, PRAGMA, WITHOUT ROWID, "
						+ "CREATE VIEW IF NOT EXISTS",
				"portable SQL: application-generated ids, INSERT ... ON CONFLICT DO NOTHING"),
		POSTGRES_ONLY_SYNTAX("postgres-only-syntax", Severity.ERROR,
				"PostgreSQL-only syntax: SERIAL, BIGSERIAL, SMALLSERIAL, :: casts, now() and other PostgreSQL "
						+ "functions, JSONB, ILIKE, CREATE EXTENSION, CREATE OR REPLACE, CONCURRENTLY, DO blocks, "
						+ "CREATE FUNCTION, AS IDENTITY, TRUNCATE, COMMENT ON, ALTER of non-tables",
				"portable SQL: CAST(x AS type), CURRENT_TIMESTAMP, TEXT holding JSON, LOWER(x) LIKE LOWER(p)"),
		ALTER_TABLE_NOT_PORTABLE("alter-table-not-portable", Severity.ERROR,
				"ALTER TABLE actions SQLite lacks: ALTER COLUMN, ADD/DROP CONSTRAINT, several actions in one statement",
				"one ADD COLUMN, DROP COLUMN per ALTER TABLE; constraints in CREATE TABLE; uniqueness with "
						+ "CREATE UNIQUE INDEX IF NOT EXISTS"),
		TIMESTAMP_NOT_PORTABLE("timestamp-not-portable", Severity.ERROR,
				"TIMESTAMPTZ, TIMESTAMP WITH TIME ZONE, TIMETZ, DATETIME",
				"TIMESTAMP with DEFAULT CURRENT_TIMESTAMP (run the application in UTC), or ISO-8601 text the "
						+ "application writes"),
		BIND_PLACEHOLDER("bind-placeholder", Severity.ERROR,
				"a bind placeholder (?, $1, :name): migrations run as written, never with parameters",
				"write the value as a literal"),
		TRANSACTION_CONTROL("transaction-control", Severity.ERROR,
				"BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO a savepoint), ABORT, PREPARE "
						+ "TRANSACTION, SET TRANSACTION, SET SESSION CHARACTERISTICS: the engine runs each migration in "
						+ "its own transaction, and refuses these in every audit mode",
				"remove it; split the file into separate migrations (each runs in its own transaction), or put "
						+ "statements that must run outside a transaction in a file of their own starting with "
						+ "-- replaysafe:no-transaction"),
		INVALID_DIRECTIVE("invalid-directive", Severity.ERROR,
				"a replaysafe: comment that is no directive, or a -- replaysafe:no-transaction the engine would ignore "
						+ "(not the first line of an up)",
				"-- replaysafe:allow <rule-id> <reason>, or -- replaysafe:no-transaction as an up's first line"),
		INVALID_WAIVER("invalid-waiver", Severity.ERROR,
				"a replaysafe:allow comment without a known rule id and a reason",
				"-- replaysafe:allow <rule-id> <reason>"),
		UNUSED_WAIVER("unused-waiver", Severity.WARNING,
				"a replaysafe:allow comment that waives nothing",
				"remove it, or move it onto (or just above) the statement it is meant for");

		private final String id;
		private final Severity severity;
		private final String what;
		private final String fix;

		Rule(String id, Severity severity, String what, String fix) {
			this.id = id;
			this.severity = severity;
			this.what = what;
			this.fix = fix;
		}

		/** The stable kebab-case id a waiver names. */
		public String id() {
			return id;
		}

		public Severity severity() {
			return severity;
		}

		/** What the rule finds, in one line. */
		public String what() {
			return what;
		}

		/** The usual fix. */
		public String fix() {
			return fix;
		}

		/** The rule with this id, or null. */
		public static Rule byId(String id) {
			for (Rule rule : values()) {
				if (rule.id.equalsIgnoreCase(id)) {
					return rule;
				}
			}
			return null;
		}
	}

	private static final String DIRECTIVE = "replaysafe:";

	private static final String WAIVER = "replaysafe:allow";

	private static final String NO_TRANSACTION = "replaysafe:no-transaction";

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

	private Audit() {
	}

	/** Audits the up and the down of every migration (lexing each file), in version order. */
	public static List<Finding> of(List<Migration> migrations) {
		List<Finding> findings = new ArrayList<>();
		for (Migration m : migrations) {
			findings.addAll(up(m.up().script()));
			findings.addAll(down(m.down().script()));
		}
		return findings;
	}

	/** Audits an up file. */
	public static List<Finding> up(SqlScript script) {
		return new FileAudit(script, false).run();
	}

	/** Audits a down file: the same rules as an up, and it must not be empty. */
	public static List<Finding> down(SqlScript script) {
		return new FileAudit(script, true).run();
	}

	/** The findings one per line, then a count: the report shown in logs and errors. */
	public static String report(List<Finding> findings) {
		StringBuilder report = new StringBuilder();
		findings.forEach(f -> report.append(f).append('\n'));
		long errors = findings.stream().filter(Finding::blocks).count();
		long waived = findings.stream().filter(Finding::isWaived).count();
		long warnings = findings.stream().filter(f -> !f.isWaived() && f.severity() == Severity.WARNING).count();
		return report.append(errors).append(" error(s), ").append(warnings).append(" warning(s), ").append(waived)
			.append(" waived").toString();
	}

	/** The audit of one file: findings per statement, then waivers applied. */
	private static final class FileAudit {

		private final SqlScript script;
		private final boolean down;
		private final List<Finding> findings = new ArrayList<>();
		/** For each finding, the index of its statement, -1 for the file as a whole. */
		private final List<Integer> statementOf = new ArrayList<>();
		/** Views this file drops with IF EXISTS so far: a CREATE VIEW after such a drop is replay-safe. */
		private final Set<String> droppedViews = new HashSet<>();
		private int current = -1;

		FileAudit(SqlScript script, boolean down) {
			this.script = script;
			this.down = down;
		}

		List<Finding> run() {
			List<SqlStatement> statements = script.statements();
			for (current = 0; current < statements.size(); current++) {
				statement(statements.get(current));
			}
			current = -1;
			if (down && statements.isEmpty()) {
				add(Rule.EMPTY_DOWN, 1, 1, "the down has no executable statement (empty, or comments only), so a "
						+ "rollback would only delete the history row and leave the schema as the up made it",
						Rule.EMPTY_DOWN.fix);
			}
			List<Finding> all = waivers(statements);
			all.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
			return all;
		}

		private void statement(SqlStatement st) {
			int v = verb(st);
			SqlToken head = st.token(v);
			String control = Preflight.transactionControl(st);
			if (control != null) {
				add(Rule.TRANSACTION_CONTROL, st.token(0), control, Rule.TRANSACTION_CONTROL.fix);
			}
			switch (upper(head)) {
				case "CREATE" -> create(st, v);
				case "DROP" -> drop(st, v);
				case "ALTER" -> alter(st, v);
				case "INSERT" -> insert(st, v);
				case "REPLACE" -> add(Rule.SQLITE_ONLY_SYNTAX, head, "REPLACE INTO is SQLite's; PostgreSQL has no "
						+ "REPLACE", "INSERT ... ON CONFLICT (key) DO UPDATE SET ...");
				case "UPDATE" -> {
					if (depthZero(st, v, "WHERE") < 0) {
						add(Rule.UPDATE_WITHOUT_WHERE, head, "UPDATE without WHERE changes every row on every run; "
								+ "review that running it again is harmless", Rule.UPDATE_WITHOUT_WHERE.fix);
					}
				}
				case "DELETE" -> {
					if (depthZero(st, v, "WHERE") < 0) {
						add(Rule.DELETE_WITHOUT_WHERE, head, "DELETE without WHERE empties the table; review that "
								+ "this is meant", Rule.DELETE_WITHOUT_WHERE.fix);
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
								+ "PostgreSQL has no IF NOT EXISTS for views", Rule.CREATE_VIEW_WITHOUT_DROP.fix);
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
						+ "PostgreSQL write trigger bodies differently", Rule.CREATE_TRIGGER.fix);
				case "TYPE", "DOMAIN" -> add(Rule.CREATE_TYPE_WITHOUT_GUARD, head, "CREATE " + kind + " fails when "
						+ "the file runs again (PostgreSQL has no CREATE " + kind + " IF NOT EXISTS) and SQLite has no "
						+ "user-defined types", Rule.CREATE_TYPE_WITHOUT_GUARD.fix);
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
					Rule.INSERT_WITHOUT_CONFLICT_GUARD.fix);
		}

		/** Rules about single tokens, anywhere in a statement. */
		private void tokens(SqlStatement st) {
			List<SqlToken> tokens = st.tokens();
			for (int k = 0; k < tokens.size(); k++) {
				SqlToken t = tokens.get(k);
				if (t.kind() == SqlToken.Kind.PLACEHOLDER) {
					add(Rule.BIND_PLACEHOLDER, t, "bind placeholder " + t.text() + " in a migration: migrations run as "
							+ "written, never with parameters", Rule.BIND_PLACEHOLDER.fix);
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
									: Rule.SQLITE_ONLY_FUNCTION.fix);
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
							+ "on PostgreSQL and plain text on SQLite", Rule.TIMESTAMP_NOT_PORTABLE.fix);
					case "with" -> {
						if (st.matches(k + 1, "TIME", "ZONE")) {
							add(Rule.TIMESTAMP_NOT_PORTABLE, t, "WITH TIME ZONE means an instant on PostgreSQL and "
									+ "plain text on SQLite", Rule.TIMESTAMP_NOT_PORTABLE.fix);
						}
					}
					case "datetime" -> {
						if (!call && typePosition(st, k)) {
							add(Rule.TIMESTAMP_NOT_PORTABLE, t, "DATETIME is not a PostgreSQL type",
									Rule.TIMESTAMP_NOT_PORTABLE.fix);
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
		private List<Finding> waivers(List<SqlStatement> statements) {
			List<Finding> all = new ArrayList<>(findings);
			for (SqlComment comment : script.comments()) {
				if (!comment.text().regionMatches(true, 0, DIRECTIVE, 0, DIRECTIVE.length())) {
					continue;
				}
				if (!comment.text().regionMatches(true, 0, WAIVER, 0, WAIVER.length())) {
					String problem = directive(comment);
					if (problem != null) {
						all.add(finding(Rule.INVALID_DIRECTIVE, comment.line(), 1, problem, Rule.INVALID_DIRECTIVE.fix));
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
							: "the waiver of " + rule.id + " gives no reason and waives nothing",
							Rule.INVALID_WAIVER.fix + " (rule ids are listed in the README, section The audit)"));
					continue;
				}
				int target = target(statements, comment.line());
				boolean used = false;
				for (int f = 0; f < findings.size(); f++) {
					if (statementOf.get(f) == target && findings.get(f).rule().equals(rule.id)) {
						all.set(f, all.get(f).waive(reason));
						used = true;
					}
				}
				if (!used) {
					all.add(finding(Rule.UNUSED_WAIVER, comment.line(), 1, "the waiver of " + rule.id + " waives "
							+ "nothing: its statement has no such finding", Rule.UNUSED_WAIVER.fix));
				}
			}
			return all;
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
			String first = String.join("", script.segments()).lines().findFirst().orElse("").replace("\uFEFF", "")
				.strip();
			return first.equalsIgnoreCase("-- " + NO_TRANSACTION) ? null : "replaysafe:no-transaction is honoured "
					+ "only as the file's first line, written exactly -- replaysafe:no-transaction; here it is "
					+ "ignored and the file would run in a transaction";
		}

		/** The statement a waiver on {@code line} applies to: the first that ends on or after it; -1 for the file. */
		private static int target(List<SqlStatement> statements, int line) {
			for (int s = 0; s < statements.size(); s++) {
				List<SqlToken> tokens = statements.get(s).tokens();
				SqlToken last = tokens.get(tokens.size() - 1);
				if (last.line() + (int) last.text().chars().filter(c -> c == '\n').count() >= line) {
					return s;
				}
			}
			return -1;
		}

		private void add(Rule rule, SqlToken at, String message, String fix) {
			add(rule, at.line(), at.column(), message, fix);
		}

		private void add(Rule rule, int line, int column, String message, String fix) {
			findings.add(finding(rule, line, column, message, fix));
			statementOf.add(current);
		}

		private Finding finding(Rule rule, int line, int column, String message, String fix) {
			return new Finding(script.name(), line, column, rule.id, rule.severity, message, fix, null);
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
}
