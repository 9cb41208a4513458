package dev.replaysafe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.replaysafe.Finding.Severity;
import dev.replaysafe.internal.audit.AuditCache;
import dev.replaysafe.internal.audit.CrossFileAudit;
import dev.replaysafe.internal.audit.FileAudit;

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

	/** The databases a migration set must run on: the portability rules apply only when it is both. */
	public enum Database {
		/** SQLite, through sqlite-jdbc. */
		SQLITE,
		/** PostgreSQL. */
		POSTGRESQL
	}

	/** Both databases: the default target, under which every rule applies. */
	public static final Set<Database> BOTH = Collections.unmodifiableSet(EnumSet.allOf(Database.class));

	/** What a rule protects. */
	public enum Category {
		/** Every statement can run twice: applies whatever the target databases. */
		REPLAY,
		/** The file runs the same on SQLite and PostgreSQL: applies only when both are targets. */
		PORTABILITY,
		/** Waivers, directives, transaction control, placeholders and empty downs: always applies. */
		OTHER
	}

	/** Every rule the audit applies, with its stable id (the one waivers name). */
	public enum Rule {

		/** A CREATE TABLE, INDEX, SEQUENCE, SCHEMA or COLLATION without IF NOT EXISTS, or an unnamed index. */
		CREATE_WITHOUT_IF_NOT_EXISTS("create-without-if-not-exists", Category.REPLAY, Severity.ERROR,
				"CREATE TABLE, INDEX or UNIQUE INDEX (also SEQUENCE, SCHEMA, COLLATION) without IF NOT EXISTS",
				"CREATE TABLE IF NOT EXISTS t (...); CREATE INDEX IF NOT EXISTS ix ON t (...)"),
		/** A CREATE VIEW that no DROP VIEW IF EXISTS of the same view precedes in its file. */
		CREATE_VIEW_WITHOUT_DROP("create-view-without-drop", Category.REPLAY, Severity.ERROR,
				"CREATE VIEW not preceded in its file by DROP VIEW IF EXISTS of the same view",
				"DROP VIEW IF EXISTS v; CREATE VIEW v AS ... (PostgreSQL has no CREATE VIEW IF NOT EXISTS, SQLite no "
						+ "CREATE OR REPLACE VIEW)"),
		/** A DROP without IF EXISTS. */
		DROP_WITHOUT_IF_EXISTS("drop-without-if-exists", Category.REPLAY, Severity.ERROR,
				"DROP TABLE, INDEX, VIEW, ... without IF EXISTS",
				"DROP TABLE IF EXISTS t"),
		/** An ALTER TABLE ... ADD COLUMN without IF NOT EXISTS. */
		ADD_COLUMN_WITHOUT_IF_NOT_EXISTS("add-column-without-if-not-exists", Category.REPLAY, Severity.ERROR,
				"ALTER TABLE ... ADD COLUMN without IF NOT EXISTS",
				"ALTER TABLE t ADD COLUMN IF NOT EXISTS c ... (replaysafe emulates it on SQLite)"),
		/** An ALTER TABLE ... DROP COLUMN without IF EXISTS. */
		DROP_COLUMN_WITHOUT_IF_EXISTS("drop-column-without-if-exists", Category.REPLAY, Severity.ERROR,
				"ALTER TABLE ... DROP COLUMN without IF EXISTS",
				"ALTER TABLE t DROP COLUMN IF EXISTS c (replaysafe emulates it on SQLite)"),
		/** A RENAME of a table, column or other object. */
		RENAME("rename", Category.REPLAY, Severity.ERROR,
				"RENAME of a table or column (fails when run again, on both databases)",
				"a column: rebuild the table under its own name (CREATE TABLE IF NOT EXISTS t_new with the new names in "
						+ "the old column order; INSERT INTO t_new SELECT * FROM t WHERE true ON CONFLICT DO NOTHING; DROP "
						+ "TABLE IF EXISTS t; ALTER TABLE t_new RENAME TO t with -- replaysafe:allow rename <reason>), since a "
						+ "backfill from a column a later migration drops cannot run twice; a table: keep its name (a replay "
						+ "of the file that created it creates it again) and add a view with the new one"),
		/** An INSERT without ON CONFLICT ... DO NOTHING / DO UPDATE or WHERE NOT EXISTS. */
		INSERT_WITHOUT_CONFLICT_GUARD("insert-without-conflict-guard", Category.REPLAY, Severity.ERROR,
				"INSERT without ON CONFLICT ... DO NOTHING / DO UPDATE or a WHERE NOT EXISTS guard",
				"INSERT INTO t (...) VALUES (...) ON CONFLICT (key) DO NOTHING"),
		/** An ALTER TABLE ... ADD of a constraint no DROP CONSTRAINT IF EXISTS of it precedes in its file. */
		ADD_CONSTRAINT_WITHOUT_GUARD("add-constraint-without-guard", Category.REPLAY, Severity.ERROR,
				"ALTER TABLE ... ADD CONSTRAINT (or ADD PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK, EXCLUDE) with no DROP "
						+ "CONSTRAINT IF EXISTS of it before it in the file: PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS",
				"ALTER TABLE t DROP CONSTRAINT IF EXISTS c; ALTER TABLE t ADD CONSTRAINT c ... (or a DO block that adds "
						+ "it only when pg_constraint has no c)"),
		/** An ALTER TABLE ... DROP CONSTRAINT without IF EXISTS. */
		DROP_CONSTRAINT_WITHOUT_IF_EXISTS("drop-constraint-without-if-exists", Category.REPLAY, Severity.ERROR,
				"ALTER TABLE ... DROP CONSTRAINT without IF EXISTS",
				"ALTER TABLE t DROP CONSTRAINT IF EXISTS c"),
		/** An ALTER TYPE ... ADD VALUE without IF NOT EXISTS. */
		ALTER_TYPE_ADD_VALUE_WITHOUT_IF_NOT_EXISTS("alter-type-add-value-without-if-not-exists", Category.REPLAY,
				Severity.ERROR, "ALTER TYPE ... ADD VALUE without IF NOT EXISTS",
				"ALTER TYPE t ADD VALUE IF NOT EXISTS 'v'"),
		/** A CREATE FUNCTION or PROCEDURE without OR REPLACE. */
		CREATE_FUNCTION_WITHOUT_OR_REPLACE("create-function-without-or-replace", Category.REPLAY, Severity.ERROR,
				"CREATE FUNCTION or PROCEDURE without OR REPLACE",
				"CREATE OR REPLACE FUNCTION f(...) ..."),
		/** A CREATE TRIGGER without OR REPLACE or IF NOT EXISTS, and no DROP TRIGGER IF EXISTS of it before it. */
		CREATE_TRIGGER_WITHOUT_GUARD("create-trigger-without-guard", Category.REPLAY, Severity.ERROR,
				"CREATE TRIGGER without OR REPLACE (PostgreSQL 14 and later) or IF NOT EXISTS (SQLite), and no DROP "
						+ "TRIGGER IF EXISTS of it before it in the file",
				"DROP TRIGGER IF EXISTS tr ON t; (on SQLite: DROP TRIGGER IF EXISTS tr;) before CREATE TRIGGER tr ..."),
		/** A CREATE POLICY no DROP POLICY IF EXISTS of it precedes in its file. */
		CREATE_POLICY_WITHOUT_GUARD("create-policy-without-guard", Category.REPLAY, Severity.ERROR,
				"CREATE POLICY with no DROP POLICY IF EXISTS of it before it in the file (PostgreSQL has no CREATE "
						+ "POLICY IF NOT EXISTS)",
				"DROP POLICY IF EXISTS p ON t; CREATE POLICY p ON t ..."),
		/** A CREATE EXTENSION without IF NOT EXISTS. */
		CREATE_EXTENSION_WITHOUT_IF_NOT_EXISTS("create-extension-without-if-not-exists", Category.REPLAY,
				Severity.ERROR, "CREATE EXTENSION without IF NOT EXISTS",
				"CREATE EXTENSION IF NOT EXISTS e"),
		/** A CREATE TYPE or DOMAIN, which has no IF NOT EXISTS. */
		CREATE_TYPE_WITHOUT_GUARD("create-type-without-guard", Category.REPLAY, Severity.ERROR,
				"CREATE TYPE or DOMAIN (PostgreSQL has no IF NOT EXISTS for them; SQLite has no types)",
				"a VARCHAR column with a CHECK constraint (portable); PostgreSQL only: DO $$ BEGIN CREATE TYPE ...; "
						+ "EXCEPTION WHEN duplicate_object THEN NULL; END $$"),
		/** A statement whose replay fails once a later file has dropped or renamed what it needs (the audit across files). */
		REPLAY_USES_REMOVED_OBJECT("replay-uses-removed-object", Category.REPLAY, Severity.ERROR,
				"a statement that needs a table, column, index, constraint, function, trigger or type a later file drops "
						+ "or renames: its replay fails once that file has run (read across the set's files)",
				"make the statement skip what is gone (ALTER TABLE IF EXISTS, DROP ... IF EXISTS), or accept it in the "
						+ "later file with -- replaysafe:allow replay-uses-removed-object <reason>"),
		/** A statement whose replay undoes a later file: re-creates, redefines back or drops again (the audit across files). */
		REPLAY_UNDOES_LATER_CHANGE("replay-undoes-later-change", Category.REPLAY, Severity.ERROR,
				"a statement whose replay, once later files have run, re-creates what one drops, puts back an older "
						+ "definition of a function, view, trigger or constraint one redefines, or drops what one creates "
						+ "(read across the set's files)",
				"define each object in one file; once this file is applied, accept it in the later file with -- "
						+ "replaysafe:allow replay-undoes-later-change <reason>"),
		/** An UPDATE without WHERE (a warning, for review). */
		UPDATE_WITHOUT_WHERE("update-without-where", Category.REPLAY, Severity.WARNING,
				"UPDATE without WHERE: allowed, flagged for review",
				"make it idempotent and bounded: UPDATE t SET c = ... WHERE c IS NULL"),
		/** A DELETE without WHERE (a warning, for review). */
		DELETE_WITHOUT_WHERE("delete-without-where", Category.REPLAY, Severity.WARNING,
				"DELETE without WHERE: allowed, flagged for review",
				"delete only the rows meant: DELETE FROM t WHERE ..."),
		/** A down without an executable statement. */
		EMPTY_DOWN("empty-down", Category.OTHER, Severity.ERROR,
				"a down file with no executable statement (empty, or comments only)",
				"write the statements that undo the up (DROP ... IF EXISTS), or waive it in the down with "
						+ "-- replaysafe:allow empty-down <why it cannot be undone>"),
		/** A CREATE TRIGGER, whose body the two databases write differently. */
		CREATE_TRIGGER("create-trigger", Category.PORTABILITY, Severity.ERROR,
				"CREATE TRIGGER (trigger bodies differ between SQLite and PostgreSQL)",
				"do the work in the application, or in the migration itself"),
		/** A call of a function only SQLite has. */
		SQLITE_ONLY_FUNCTION("sqlite-only-function", Category.PORTABILITY, Severity.ERROR,
				"a SQLite-only function call: datetime(, date(, time(, julianday(, strftime(, unixepoch(, also ifnull(, "
						+ "iif(, instr(, printf(, group_concat(, randomblob(, last_insert_rowid(",
				"CURRENT_TIMESTAMP or CURRENT_DATE, or compute the value in the application"),
		/** Syntax only SQLite has. */
		SQLITE_ONLY_SYNTAX("sqlite-only-syntax", Category.PORTABILITY, Severity.ERROR,
				"SQLite-only syntax: AUTOINCREMENT, INSERT OR IGNORE|REPLACE, REPLACE INTO, PRAGMA, WITHOUT ROWID, "
						+ "CREATE VIEW IF NOT EXISTS",
				"portable SQL: application-generated ids, INSERT ... ON CONFLICT DO NOTHING"),
		/** Syntax, types or functions only PostgreSQL has. */
		POSTGRES_ONLY_SYNTAX("postgres-only-syntax", Category.PORTABILITY, Severity.ERROR,
				"PostgreSQL-only syntax: SERIAL, BIGSERIAL, SMALLSERIAL, :: casts, now() and other PostgreSQL "
						+ "functions, JSONB, ILIKE, CREATE EXTENSION, CREATE OR REPLACE, CONCURRENTLY, DO blocks, "
						+ "CREATE FUNCTION, AS IDENTITY, TRUNCATE, COMMENT ON, ALTER of non-tables",
				"portable SQL: CAST(x AS type), CURRENT_TIMESTAMP, TEXT holding JSON, LOWER(x) LIKE LOWER(p)"),
		/** An ALTER TABLE action SQLite lacks, or several actions in one statement. */
		ALTER_TABLE_NOT_PORTABLE("alter-table-not-portable", Category.PORTABILITY, Severity.ERROR,
				"ALTER TABLE actions SQLite lacks: ALTER COLUMN, ADD/DROP CONSTRAINT, several actions in one statement",
				"one ADD COLUMN, DROP COLUMN per ALTER TABLE; constraints in CREATE TABLE; uniqueness with "
						+ "CREATE UNIQUE INDEX IF NOT EXISTS"),
		/** A time type that means an instant on PostgreSQL and text on SQLite. */
		TIMESTAMP_NOT_PORTABLE("timestamp-not-portable", Category.PORTABILITY, Severity.ERROR,
				"TIMESTAMPTZ, TIMESTAMP WITH TIME ZONE, TIMETZ, DATETIME",
				"TIMESTAMP with DEFAULT CURRENT_TIMESTAMP (run the application in UTC), or ISO-8601 text the "
						+ "application writes"),
		/** An INSERT ... SELECT ... FROM t ON CONFLICT, a syntax error on SQLite. */
		INSERT_SELECT_UPSERT_AMBIGUITY("insert-select-upsert-ambiguity", Category.PORTABILITY, Severity.ERROR,
				"INSERT ... SELECT ... FROM t ON CONFLICT: a syntax error on SQLite, whose parser reads that ON as a "
						+ "join's (sqlite.org/lang_upsert.html, Parsing Ambiguity)",
				"end the SELECT with a WHERE clause: INSERT INTO t (...) SELECT ... FROM s WHERE true ON CONFLICT DO "
						+ "NOTHING"),
		/** A name qualified by a schema or database only one of the two has. */
		SCHEMA_QUALIFIED_NAME("schema-qualified-name", Category.PORTABILITY, Severity.ERROR,
				"a schema-qualified table, index or view name (main.t, temp.t, public.t) or column (main.t.c): "
						+ "PostgreSQL has no schema main or temp, SQLite no database public",
				"drop the qualifier: t (each database resolves a bare name in its default schema)"),
		/** A bind placeholder, which a migration never gets a value for. */
		BIND_PLACEHOLDER("bind-placeholder", Category.OTHER, Severity.ERROR,
				"a bind placeholder (?, $1, :name): migrations run as written, never with parameters",
				"write the value as a literal"),
		/** A statement that begins or ends the transaction the engine runs the migration in. */
		TRANSACTION_CONTROL("transaction-control", Category.OTHER, Severity.ERROR,
				"BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK (not ROLLBACK TO a savepoint), ABORT, PREPARE "
						+ "TRANSACTION, SET TRANSACTION, SET SESSION CHARACTERISTICS: the engine runs each migration in "
						+ "its own transaction, and refuses these in every audit mode",
				"remove it; split the file into separate migrations (each runs in its own transaction), or put "
						+ "statements that must run outside a transaction in a file of their own starting with "
						+ "-- replaysafe:no-transaction"),
		/** A replaysafe: comment that is no directive, or a no-transaction directive the engine ignores. */
		INVALID_DIRECTIVE("invalid-directive", Category.OTHER, Severity.ERROR,
				"a replaysafe: comment that is no directive, or a -- replaysafe:no-transaction (or sqlx's "
						+ "-- no-transaction) the engine would ignore (not at the very start of an up)",
				"-- replaysafe:allow <rule-id> <reason>, or -- replaysafe:no-transaction as the very start of an up"),
		/** A waiver without a known rule id and a reason. */
		INVALID_WAIVER("invalid-waiver", Category.OTHER, Severity.ERROR,
				"a replaysafe:allow comment without a known rule id and a reason",
				"-- replaysafe:allow <rule-id> <reason>"),
		/** A waiver that waives nothing (a warning). */
		UNUSED_WAIVER("unused-waiver", Category.OTHER, Severity.WARNING,
				"a replaysafe:allow comment that waives nothing",
				"remove it, or move it onto (or just above) the statement it is meant for"),
		/** Found by the {@link Verifier}'s down round-trip, not by the audit; named here so that its waiver in a down is valid. */
		DATA_LOSS("data-loss", Category.OTHER, Severity.WARNING,
				"a down that cannot bring back the values its up dropped (a column, a table): reported by the verifier",
				"-- replaysafe:allow data-loss <reason> in the down, if the loss is acceptable");

		private final String id;
		private final Category category;
		private final Severity severity;
		private final String what;
		private final String fix;

		Rule(String id, Category category, Severity severity, String what, String fix) {
			this.id = id;
			this.category = category;
			this.severity = severity;
			this.what = what;
			this.fix = fix;
		}

		/** {@return the stable kebab-case id a waiver names} */
		public String id() {
			return id;
		}

		/** {@return whether the rule is about replays, portability or neither: which {@link Database targets} apply it} */
		public Category category() {
			return category;
		}

		/** {@return whether a finding of this rule stops a run ({@link Severity#ERROR}) or is shown for review} */
		public Severity severity() {
			return severity;
		}

		/**
		 * Whether the audit applies this rule to migrations that must run on {@code databases}:
		 * portability rules only when they must run on both, every other rule always.
		 *
		 * @param databases the databases the migrations must run on
		 * @return whether its findings count for those databases
		 */
		public boolean appliesTo(Set<Database> databases) {
			return category != Category.PORTABILITY || databases.containsAll(EnumSet.allOf(Database.class));
		}

		/** {@return what the rule finds, in one line} */
		public String what() {
			return what;
		}

		/** {@return the usual fix (a finding's own fix may be more precise)} */
		public String fix() {
			return fix;
		}

		/**
		 * The rule with this id, ignoring case.
		 *
		 * @param id a rule id, as a waiver names it
		 * @return the rule, or null when no rule has that id
		 */
		public static Rule byId(String id) {
			for (Rule rule : values()) {
				if (rule.id.equalsIgnoreCase(id)) {
					return rule;
				}
			}
			return null;
		}
	}

	private Audit() {
	}

	/**
	 * The findings of every file audited in this process, by location and checksum: a file is lexed
	 * and audited once per checksum, however often the endpoint or a run asks (see {@link AuditCache}).
	 */
	private static final AuditCache<List<Finding>> CACHE = AuditCache.ofFindings(AuditCache.CAPACITY);

	/**
	 * Audits the up and the down of every migration, in version order. Each file is audited at most
	 * once per checksum in this process: a file audited before (by a run, or an earlier call) is not
	 * lexed again, and a changed file (a new checksum) is.
	 *
	 * @param migrations the set, in version order
	 * @return every finding, file by file, each file's in line order
	 */
	public static List<Finding> of(List<Migration> migrations) {
		return of(migrations, BOTH);
	}

	/**
	 * Audits the up and the down of every migration, in version order, with the rules that apply to
	 * migrations that must run on {@code databases} (see {@link Rule#appliesTo}): on one database
	 * alone the portability rules are off, and a waiver of one of them is not needed. Cached as
	 * {@link #of(List)} is.
	 *
	 * <p>Besides each file's own rules, the ups are read across files, as the set runs: a file whose
	 * replay, once the later files have run, fails ({@link Rule#REPLAY_USES_REMOVED_OBJECT}) or
	 * undoes one of them ({@link Rule#REPLAY_UNDOES_LATER_CHANGE}) is reported in that file, naming
	 * the later file and line. Such a finding is waived in either file: in the later one when the
	 * earlier file is already applied.
	 *
	 * @param migrations the set, in version order
	 * @param databases the databases the migrations must run on, one or both
	 * @return every finding of the rules that apply, file by file
	 */
	public static List<Finding> of(List<Migration> migrations, Set<Database> databases) {
		return of(migrations, migrations, databases);
	}

	/**
	 * The audit of the {@code pending} migrations as a run makes it: their own findings, and the
	 * findings across files of the whole set {@code all} that a pending file causes or is reported in
	 * (a new file that drops what an applied one uses is reported in the applied one).
	 */
	static List<Finding> of(List<Migration> all, List<Migration> pending, Set<Database> databases) {
		// Each file's own audit first: it reads the effects the analysis across files needs in the same lexing.
		Map<String, List<Finding>> own = new LinkedHashMap<>();
		for (Migration m : pending) {
			own.put(m.up().location(), new ArrayList<>(up(m.up(), databases)));
			own.put(m.down().location(), new ArrayList<>(down(m.down(), databases)));
		}
		if (!pending.isEmpty()) {
			Set<String> concerned = new HashSet<>();
			pending.forEach(m -> concerned.add(m.up().location()));
			CrossFileAudit.Result across = CrossFileAudit.of(all.stream().map(Migration::up).toList(), concerned);
			own.values().forEach(findings -> findings.removeIf(across::disproves));
			for (Finding f : across.findings()) {
				own.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
			}
		}
		List<Finding> findings = new ArrayList<>();
		for (List<Finding> file : own.values()) {
			file.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
			findings.addAll(file);
		}
		return findings;
	}

	/**
	 * Audits an up file, reading its statements as the lexer produces them; cached by location and checksum.
	 *
	 * @param file the up file
	 * @return its findings, in line order
	 */
	public static List<Finding> up(SqlFile file) {
		return CACHE.get(file, false, () -> List.copyOf(CrossFileAudit.auditUp(file)));
	}

	/**
	 * Audits an up file with the rules that apply to {@code databases}; cached as {@link #up(SqlFile)} is.
	 *
	 * @param file the up file
	 * @param databases the databases the migrations must run on, one or both
	 * @return its findings of the rules that apply, in line order
	 */
	public static List<Finding> up(SqlFile file, Set<Database> databases) {
		return applying(up(file), databases);
	}

	/**
	 * Audits a down file: the same rules as an up, and it must not be empty; cached by location and checksum.
	 *
	 * @param file the down file
	 * @return its findings, in line order
	 */
	public static List<Finding> down(SqlFile file) {
		return CACHE.get(file, true, () -> List.copyOf(new FileAudit(file.location(), true).run(file.text())));
	}

	/**
	 * Audits a down file with the rules that apply to {@code databases}; cached as {@link #down(SqlFile)} is.
	 *
	 * @param file the down file
	 * @param databases the databases the migrations must run on, one or both
	 * @return its findings of the rules that apply, in line order
	 */
	public static List<Finding> down(SqlFile file, Set<Database> databases) {
		return applying(down(file), databases);
	}

	/**
	 * The findings of the rules that apply to {@code databases}. The file is audited with every
	 * rule (once per checksum, whatever the targets) and the rest dropped: a waiver of a rule that
	 * does not apply waives a finding that is then dropped, so it is never reported as unused.
	 */
	private static List<Finding> applying(List<Finding> findings, Set<Database> databases) {
		if (databases.isEmpty()) {
			throw new IllegalArgumentException("no target database: name at least one of " + EnumSet.allOf(Database.class));
		}
		if (databases.containsAll(BOTH)) {
			return findings;
		}
		return findings.stream().filter(f -> Rule.byId(f.rule()).appliesTo(databases)).toList();
	}

	/**
	 * The findings one per line, then a count: the report shown in logs and errors.
	 *
	 * @param findings what an audit found
	 * @return the report, ending in {@code N error(s), N warning(s), N waived}
	 */
	public static String report(List<Finding> findings) {
		StringBuilder report = new StringBuilder();
		findings.forEach(f -> report.append(f).append('\n'));
		long errors = findings.stream().filter(Finding::blocks).count();
		long waived = findings.stream().filter(Finding::isWaived).count();
		long warnings = findings.stream().filter(f -> !f.isWaived() && f.severity() == Severity.WARNING).count();
		return report.append(errors).append(" error(s), ").append(warnings).append(" warning(s), ").append(waived)
			.append(" waived").toString();
	}

}
