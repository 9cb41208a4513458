package dev.replaysafe.internal.audit;

import static dev.replaysafe.internal.audit.rules.Tokens.depthZero;
import static dev.replaysafe.internal.audit.rules.Tokens.isText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.audit.rules.InvalidDirective;
import dev.replaysafe.internal.audit.rules.Statement;
import dev.replaysafe.internal.sql.SqlComment;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * What one up file does to named objects, statement by statement, as far as its SQL says: the
 * tables, columns, indexes, views, constraints, functions, triggers and types each statement
 * creates, redefines, drops, renames or needs. The input of {@link CrossFileAudit}, which plays a
 * whole set through these effects. A statement it does not model has no effect (the analysis then
 * sees less, never more); the words of a {@code DO} block are kept, since its SQL may create what
 * the model would otherwise think gone.
 *
 * @param ops every effect, in file order
 * @param opaqueBlocks the lower-cased words of each of the file's {@code DO} blocks and {@code EXECUTE} or
 *     {@code CALL} statements
 * @param waivers the file's waivers of the cross-file rules, with the statement each applies to
 * @param starts each statement's first token, as {@code {line, column}}, in file order
 * @param partial the statements with a part the model does not read (an unnamed constraint): what
 *     the model proves of the rest says nothing of them
 */
record FileEffects(List<Op> ops, List<Set<String>> opaqueBlocks, List<Waiver> waivers, List<int[]> starts, Set<Integer> partial) {

	/** The kinds of object the model knows; relations (tables, views, indexes, sequences) share one namespace. */
	enum Kind {
		/** A column's type, default or NOT NULL: {@code scope} is {@code table.column}, the name is the aspect. */
		RELATION, COLUMN, CONSTRAINT, FUNCTION, TRIGGER, TYPE, ASPECT
	}

	/** The aspects of a column that ALTER COLUMN changes one at a time. */
	static final List<String> ASPECTS = List.of("type", "default", "not null");

	/**
	 * An object: {@code scope} is the table of a column, constraint or trigger, a function's argument
	 * count ({@code *}: every overload, as a DROP without arguments means), else empty.
	 */
	record Key(Kind kind, String scope, String name) {

		static Key relation(String name) {
			return new Key(Kind.RELATION, "", name);
		}

		@Override
		public String toString() {
			return switch (kind) {
				case RELATION -> name;
				case COLUMN -> "column " + scope + "." + name;
				case CONSTRAINT -> "constraint " + name + " on " + scope;
				case FUNCTION -> "function " + name + "()";
				case TRIGGER -> "trigger " + name + " on " + scope;
				case TYPE -> "type " + name;
				case ASPECT -> "the " + name + " of column " + scope;
			};
		}
	}

	/** What a statement does to an object. */
	enum Verb {
		/** Fails when the object is gone; with {@code guarded} (ALTER TABLE IF EXISTS) the rest of the statement is skipped instead. */
		REQUIRE,
		/** Creates it: fails when it exists, or with {@code guarded} (IF NOT EXISTS) does nothing then. */
		CREATE,
		/** Creates or replaces it (CREATE OR REPLACE): its definition is this statement's. */
		DEFINE,
		/** Drops it: fails when it is gone, or with {@code guarded} (IF EXISTS) does nothing then. */
		DROP,
		/** Renames it to {@code to}: fails when it is gone. */
		RENAME
	}

	/**
	 * One effect of statement number {@code statement} (0-based) at {@code line}:{@code column}.
	 * {@code what} names a relation's kind (table, view, index, sequence); {@code table} and
	 * {@code columns} are an index's, so that dropping its table or a column drops it too;
	 * {@code then} are the effects that happen only when this one creates its object (a CREATE
	 * TABLE's columns and references, a CREATE INDEX's columns); {@code definition} is the text that
	 * defines what it creates, normalised (guards left out), or null: two equal definitions make
	 * the same object.
	 */
	record Op(Verb verb, Key key, Key to, boolean guarded, int statement, int line, int column, String what,
			String table, List<String> columns, List<Op> then, String definition) {
	}

	/** A {@code -- replaysafe:allow} of a cross-file rule, and the statement it applies to (-1: the file). */
	record Waiver(Rule rule, String reason, int statement, int line) {
	}

	/** The statement a token at {@code line}:{@code column} is in: the last one starting at or before it (-1: none). */
	int statementAt(int line, int column) {
		int statement = -1;
		for (int s = 0; s < starts.size() && (starts.get(s)[0] < line || starts.get(s)[0] == line
				&& starts.get(s)[1] <= column); s++) {
			statement = s;
		}
		return statement;
	}

	/** Reads a file's effects; the text must lex (the per-file audit reports a file that does not). */
	static FileEffects of(String name, String text, Set<Rule> rules) {
		Reader reader = new Reader();
		SqlScript.scan(name, text, reader::statement, reader::comment);
		return reader.effects(rules);
	}

	/** Turns statements into effects, fed by a lexer's scan (its own, or the per-file audit's). */
	static final class Reader {

		private final List<Op> ops = new ArrayList<>();
		private final List<SqlComment> waiverComments = new ArrayList<>();
		private final List<Set<String>> opaque = new ArrayList<>();
		private final List<Integer> endLines = new ArrayList<>();
		private final List<int[]> starts = new ArrayList<>();
		private final Set<Integer> partial = new HashSet<>();
		private SqlStatement st;
		private int index = -1;

		void comment(SqlComment comment) {
			if (InvalidDirective.isWaiver(comment)) {
				waiverComments.add(comment);
			}
		}

		/** The effects read, with the waivers of {@code rules} among the comments. */
		FileEffects effects(Set<Rule> rules) {
			List<Waiver> waivers = new ArrayList<>();
			for (SqlComment c : waiverComments) {
				String[] w = InvalidDirective.waiver(c);
				Rule rule = Rule.byId(w[0]);
				if (rules.contains(rule) && !w[1].isEmpty()) {
					waivers.add(new Waiver(rule, w[1], statementEndingOnOrAfter(c.line()), c.line()));
				}
			}
			return new FileEffects(List.copyOf(ops), List.copyOf(opaque), List.copyOf(waivers), List.copyOf(starts),
					Set.copyOf(partial));
		}

		int statementEndingOnOrAfter(int line) {
			for (int i = 0; i < endLines.size(); i++) {
				if (endLines.get(i) >= line) {
					return i;
				}
			}
			return -1;
		}

		void statement(SqlStatement sql) {
			st = sql;
			index++;
			SqlToken last = sql.tokens().get(sql.tokens().size() - 1);
			endLines.add(last.line() + (int) last.text().chars().filter(c -> c == '\n').count());
			starts.add(new int[] { sql.token(0).line(), sql.token(0).column() });
			int verb = Statement.verb(sql);
			SqlToken head = st.token(verb);
			if (head == null) {
				return;
			}
			switch (head.text().toUpperCase(Locale.ROOT)) {
				case "CREATE" -> create(verb + 1);
				case "DROP" -> drop(verb + 1);
				case "ALTER" -> alter(verb + 1);
				case "UPDATE" -> update(verb + 1);
				case "INSERT" -> insert(verb + 1);
				case "DELETE" -> delete(verb + 1);
				case "COMMENT" -> comment(verb + 1);
				case "SELECT" -> sources(verb + 1, ops);
				case "DO", "EXECUTE", "CALL" -> opaque();
				default -> {
				}
			}
		}

		private void opaque() {
			Set<String> words = new HashSet<>();
			for (SqlToken t : st.tokens()) {
				if (t.kind() == SqlToken.Kind.DOLLAR_STRING || t.kind() == SqlToken.Kind.STRING) {
					for (String w : t.text().toLowerCase(Locale.ROOT).split("[^a-z0-9_$]+")) {
						if (!w.isEmpty()) {
							words.add(w);
						}
					}
				}
			}
			opaque.add(Set.copyOf(words));
		}

		private Op op(Verb verb, Key key, Key to, boolean guarded, SqlToken at, String what, String table,
				List<String> columns, List<Op> then) {
			return op(verb, key, to, guarded, at, what, table, columns, then, null);
		}

		private Op op(Verb verb, Key key, Key to, boolean guarded, SqlToken at, String what, String table,
				List<String> columns, List<Op> then, String definition) {
			SqlToken t = at == null ? st.token(0) : at;
			return new Op(verb, key, to, guarded, index, t.line(), t.column(), what, table, columns, then, definition);
		}

		private Op simple(Verb verb, Key key, boolean guarded, int at, String what) {
			return op(verb, key, null, guarded, st.token(at), what, null, List.of(), List.of());
		}

		/** A created object's op whose definition is the tokens from {@code from} to {@code to}. */
		private Op defined(Verb verb, Key key, boolean guarded, int at, String what, int from, int to) {
			return op(verb, key, null, guarded, st.token(at), what, null, List.of(), List.of(), definition(from, to));
		}

		/** The tokens from {@code from} to {@code to}, words folded, guards (IF [NOT] EXISTS, OR REPLACE, CONCURRENTLY) left out. */
		private String definition(int from, int to) {
			StringBuilder text = new StringBuilder();
			for (int k = from; k < Math.min(to, st.tokens().size()); k++) {
				if (st.matches(k, "IF", "NOT", "EXISTS")) {
					k += 2;
					continue;
				}
				if (st.matches(k, "IF", "EXISTS") || st.matches(k, "OR", "REPLACE")) {
					k++;
					continue;
				}
				if (st.matches(k, "CONCURRENTLY")) {
					continue;
				}
				SqlToken t = st.token(k);
				text.append(t.kind() == SqlToken.Kind.WORD ? SqlToken.lowerAscii(t.text()) : t.text()).append(' ');
			}
			return text.toString();
		}

		private int end() {
			return st.tokens().size();
		}

		// CREATE ---------------------------------------------------------------------------------

		private void create(int i) {
			int head = i - 1;
			boolean orReplace = st.matches(i, "OR", "REPLACE");
			if (orReplace) {
				i += 2;
			}
			while (st.matches(i, "TEMP") || st.matches(i, "TEMPORARY") || st.matches(i, "UNLOGGED")
					|| st.matches(i, "GLOBAL") || st.matches(i, "LOCAL") || st.matches(i, "RECURSIVE")
					|| st.matches(i, "CONSTRAINT")) {
				i++;
			}
			if (st.matches(i, "UNIQUE")) {
				i++;
			}
			if (st.matches(i, "MATERIALIZED", "VIEW")) {
				view(i + 2, head, orReplace, "materialized view");
				return;
			}
			SqlToken kind = st.token(i);
			if (kind == null) {
				return;
			}
			switch (kind.text().toUpperCase(Locale.ROOT)) {
				case "TABLE" -> table(i + 1, head);
				case "INDEX" -> index(i + 1, head);
				case "VIEW" -> view(i + 1, head, orReplace, "view");
				case "SEQUENCE" -> {
					int n = afterIfNotExists(i + 1);
					Name name = name(n);
					if (name != null) {
						ops.add(defined(Verb.CREATE, Key.relation(name.text), n > i + 1, head, "sequence", head, end()));
					}
				}
				case "FUNCTION", "PROCEDURE" -> function(i + 1, head, orReplace);
				case "TRIGGER" -> trigger(i + 1, head, orReplace);
				case "TYPE", "DOMAIN" -> {
					Name name = name(i + 1);
					if (name != null) {
						ops.add(defined(Verb.CREATE, new Key(Kind.TYPE, "", name.text), false, head, "type", head, end()));
					}
				}
				default -> {
				}
			}
		}

		private int afterIfNotExists(int k) {
			return st.matches(k, "IF", "NOT", "EXISTS") ? k + 3 : k;
		}

		private void table(int i, int head) {
			int n = afterIfNotExists(i);
			boolean guarded = n > i;
			Name name = name(n);
			if (name == null) {
				return;
			}
			List<Op> then = new ArrayList<>();
			int open = name.next;
			if (isText(st.token(open), "(")) {
				int close = close(open);
				for (int[] part : parts(open + 1, close)) {
					int p = part[0];
					if (st.matches(p, "CONSTRAINT")) {
						Name c = name(p + 1);
						if (c != null) {
							then.add(defined(Verb.CREATE, new Key(Kind.CONSTRAINT, name.text, c.text), false, p, "constraint", p,
									part[1]));
						}
					}
					else if (!(st.matches(p, "PRIMARY") || st.matches(p, "UNIQUE") || st.matches(p, "FOREIGN")
							|| st.matches(p, "CHECK") || st.matches(p, "EXCLUDE") || st.matches(p, "LIKE"))) {
						Name c = name(p);
						if (c != null && c.qualifier == null) {
							then.add(defined(Verb.CREATE, new Key(Kind.COLUMN, name.text, c.text), false, p, "column", p, part[1]));
						}
					}
					references(part[0], part[1], then);
					if (st.matches(p, "PRIMARY") || !st.matches(p, "CONSTRAINT") && depthZero(st, p, "PRIMARY") >= 0
							&& depthZero(st, p, "PRIMARY") < part[1]) {
						then.add(defined(Verb.CREATE, new Key(Kind.CONSTRAINT, name.text, name.text + "_pkey"), false, p,
								"constraint", p, part[1]));
					}
				}
			}
			else if (st.matches(open, "AS")) {
				sources(open, then);
			}
			ops.add(op(Verb.CREATE, Key.relation(name.text), null, guarded, st.token(head), "table", null, List.of(),
					List.copyOf(then), definition(head, end())));
		}

		/** The tables a REFERENCES clause between {@code from} and {@code to} needs. */
		private void references(int from, int to, List<Op> into) {
			for (int k = from; k < to; k++) {
				if (st.matches(k, "REFERENCES")) {
					Name ref = name(k + 1);
					if (ref != null) {
						into.add(simple(Verb.REQUIRE, Key.relation(ref.text), false, k + 1, "table"));
					}
				}
			}
		}

		private void index(int i, int head) {
			if (st.matches(i, "CONCURRENTLY")) {
				i++;
			}
			int n = afterIfNotExists(i);
			boolean guarded = n > i;
			Name name = st.matches(n, "ON") ? null : name(n);
			int on = name == null ? n : name.next;
			if (!st.matches(on, "ON")) {
				return;
			}
			int t = st.matches(on + 1, "ONLY") ? on + 2 : on + 1;
			Name table = name(t);
			if (table == null) {
				return;
			}
			int open = table.next;
			if (st.matches(open, "USING")) {
				open += 2;
			}
			List<String> columns = new ArrayList<>();
			List<Op> then = new ArrayList<>();
			then.add(simple(Verb.REQUIRE, Key.relation(table.text), false, t, "table"));
			if (isText(st.token(open), "(")) {
				for (int[] part : parts(open + 1, close(open))) {
					Name c = name(part[0]);
					if (c != null && c.qualifier == null && c.next == part[1] || c != null && c.qualifier == null
							&& (st.matches(c.next, "ASC") || st.matches(c.next, "DESC") || st.matches(c.next, "NULLS")
									|| st.matches(c.next, "COLLATE") || nameAt(c.next))) {
						columns.add(c.text);
						then.add(simple(Verb.REQUIRE, new Key(Kind.COLUMN, table.text, c.text), false, part[0], "column"));
					}
				}
			}
			if (name == null) {
				// An unnamed index cannot be told apart from its copies: the per-file rule reports it.
				partial.add(index);
				ops.add(simple(Verb.REQUIRE, Key.relation(table.text), false, t, "table"));
				return;
			}
			ops.add(op(Verb.CREATE, Key.relation(name.text), null, guarded, st.token(head), "index", table.text,
					List.copyOf(columns), List.copyOf(then), definition(head, end())));
		}

		private void view(int i, int head, boolean orReplace, String what) {
			int n = afterIfNotExists(i);
			Name name = name(n);
			if (name == null) {
				return;
			}
			List<Op> then = new ArrayList<>();
			int as = depthZero(st, name.next, "AS");
			if (as >= 0) {
				sources(as, then);
			}
			ops.add(op(orReplace ? Verb.DEFINE : Verb.CREATE, Key.relation(name.text), null, n > i, st.token(head), what,
					null, List.of(), List.copyOf(then), definition(head, end())));
		}

		private void function(int i, int head, boolean orReplace) {
			Name name = name(i);
			if (name == null || !isText(st.token(name.next), "(")) {
				return;
			}
			String arity = arity(name.next);
			ops.add(defined(orReplace ? Verb.DEFINE : Verb.CREATE, new Key(Kind.FUNCTION, arity, name.text), false, head,
					"function", head, end()));
		}

		/** The number of arguments in the list opening at {@code open}, OUT arguments left out (they are no part of the signature). */
		private String arity(int open) {
			int close = close(open);
			int count = 0;
			for (int[] part : parts(open + 1, close)) {
				if (!st.matches(part[0], "OUT")) {
					count++;
				}
			}
			return Integer.toString(count);
		}

		private void trigger(int i, int head, boolean orReplace) {
			int n = afterIfNotExists(i);
			Name name = name(n);
			if (name == null) {
				return;
			}
			int on = depthZero(st, name.next, "ON");
			Name table = on < 0 ? null : name(on + 1);
			if (table == null) {
				return;
			}
			List<Op> then = new ArrayList<>();
			then.add(simple(Verb.REQUIRE, Key.relation(table.text), false, on + 1, "table"));
			int exec = depthZero(st, table.next, "EXECUTE");
			if (exec >= 0 && (st.matches(exec + 1, "FUNCTION") || st.matches(exec + 1, "PROCEDURE"))) {
				Name f = name(exec + 2);
				if (f != null) {
					then.add(simple(Verb.REQUIRE, new Key(Kind.FUNCTION, "0", f.text), false, exec + 2, "function"));
				}
			}
			ops.add(op(orReplace ? Verb.DEFINE : Verb.CREATE, new Key(Kind.TRIGGER, table.text, name.text), null, n > i,
					st.token(head), "trigger", null, List.of(), List.copyOf(then), definition(head, end())));
		}

		// DROP -----------------------------------------------------------------------------------

		private void drop(int i) {
			int head = i - 1;
			String what;
			Kind kind;
			if (st.matches(i, "MATERIALIZED", "VIEW")) {
				what = "materialized view";
				kind = Kind.RELATION;
				i += 2;
			}
			else {
				SqlToken k = st.token(i);
				if (k == null) {
					return;
				}
				what = k.text().toLowerCase(Locale.ROOT);
				kind = switch (what) {
					case "table", "view", "index", "sequence" -> Kind.RELATION;
					case "function", "procedure" -> Kind.FUNCTION;
					case "trigger" -> Kind.TRIGGER;
					case "type", "domain" -> Kind.TYPE;
					default -> null;
				};
				if (kind == null) {
					return;
				}
				i++;
			}
			if (st.matches(i, "CONCURRENTLY")) {
				i++;
			}
			boolean guarded = st.matches(i, "IF", "EXISTS");
			if (guarded) {
				i += 2;
			}
			for (int k = i; st.token(k) != null;) {
				Name name = name(k);
				if (name == null) {
					return;
				}
				int next = name.next;
				Key key;
				if (kind == Kind.FUNCTION) {
					String arity = isText(st.token(next), "(") ? arity(next) : "*";
					if (isText(st.token(next), "(")) {
						next = close(next) + 1;
					}
					key = new Key(Kind.FUNCTION, arity, name.text);
				}
				else if (kind == Kind.TRIGGER) {
					Name table = st.matches(next, "ON") ? name(next + 1) : null;
					key = new Key(Kind.TRIGGER, table == null ? "*" : table.text, name.text);
					next = table == null ? next : table.next;
				}
				else {
					key = new Key(kind, "", name.text);
				}
				ops.add(simple(Verb.DROP, key, guarded, head, what));
				if (!isText(st.token(next), ",")) {
					return;
				}
				k = next + 1;
			}
		}

		// ALTER ----------------------------------------------------------------------------------

		private void alter(int i) {
			if (st.matches(i, "TABLE")) {
				alterTable(i + 1);
				return;
			}
			String what;
			int n;
			if (st.matches(i, "MATERIALIZED", "VIEW")) {
				what = "materialized view";
				n = i + 2;
			}
			else if (st.matches(i, "VIEW") || st.matches(i, "INDEX") || st.matches(i, "SEQUENCE")) {
				what = st.token(i).text().toLowerCase(Locale.ROOT);
				n = i + 1;
			}
			else if (st.matches(i, "TYPE")) {
				Name type = name(i + 1);
				if (type != null) {
					Key key = new Key(Kind.TYPE, "", type.text);
					if (st.matches(type.next, "RENAME", "TO") && name(type.next + 2) != null) {
						ops.add(op(Verb.RENAME, key, new Key(Kind.TYPE, "", name(type.next + 2).text), false, st.token(i - 1),
								"type", null, List.of(), List.of()));
					}
					else {
						ops.add(simple(Verb.REQUIRE, key, false, i + 1, "type"));
					}
				}
				return;
			}
			else if (st.matches(i, "FUNCTION") || st.matches(i, "PROCEDURE")) {
				Name f = name(i + 1);
				if (f != null) {
					int after = f.next;
					String arity = isText(st.token(after), "(") ? arity(after) : "*";
					if (isText(st.token(after), "(")) {
						after = close(after) + 1;
					}
					Key key = new Key(Kind.FUNCTION, arity, f.text);
					Name to = st.matches(after, "RENAME", "TO") ? name(after + 2) : null;
					ops.add(to == null ? simple(Verb.REQUIRE, key, false, i + 1, "function")
							: op(Verb.RENAME, key, new Key(Kind.FUNCTION, arity, to.text), false, st.token(i - 1), "function",
									null, List.of(), List.of()));
				}
				return;
			}
			else {
				return;
			}
			boolean guarded = st.matches(n, "IF", "EXISTS");
			Name name = name(guarded ? n + 2 : n);
			if (name == null) {
				return;
			}
			Name to = st.matches(name.next, "RENAME", "TO") ? name(name.next + 2) : null;
			if (to != null) {
				ops.add(op(Verb.RENAME, Key.relation(name.text), Key.relation(to.text), guarded, st.token(i - 1), what, null,
						List.of(), List.of()));
			}
			else {
				ops.add(simple(Verb.REQUIRE, Key.relation(name.text), guarded, guarded ? n + 2 : n, what));
			}
		}

		private void alterTable(int i) {
			boolean guarded = false;
			while (st.matches(i, "IF", "EXISTS") || st.matches(i, "ONLY")) {
				guarded |= st.matches(i, "IF");
				i += st.matches(i, "IF") ? 2 : 1;
			}
			Name table = name(i);
			if (table == null) {
				return;
			}
			Key t = Key.relation(table.text);
			ops.add(simple(Verb.REQUIRE, t, guarded, i, "table"));
			for (int[] part : parts(table.next, st.tokens().size())) {
				action(table.text, part[0], part[1]);
			}
		}

		private void action(String table, int a, int end) {
			SqlToken at = st.token(a);
			if (at == null) {
				return;
			}
			String verb = at.text().toUpperCase(Locale.ROOT);
			int k = a + 1;
			switch (verb) {
				case "ADD" -> {
					if (st.matches(k, "CONSTRAINT")) {
						Name c = name(k + 1);
						if (c != null) {
							List<Op> then = new ArrayList<>();
							references(k, end, then);
							ops.add(op(Verb.CREATE, new Key(Kind.CONSTRAINT, table, c.text), null, false, at, "constraint",
									null, List.of(), List.copyOf(then), definition(k, end)));
						}
						return;
					}
					if (st.matches(k, "PRIMARY")) {
						// PostgreSQL names an unnamed primary key <table>_pkey (SQLite cannot add one).
						ops.add(op(Verb.CREATE, new Key(Kind.CONSTRAINT, table, table + "_pkey"), null, false, at, "constraint",
								null, List.of(), List.of(), definition(k, end)));
						return;
					}
					if (st.matches(k, "UNIQUE") || st.matches(k, "FOREIGN") || st.matches(k, "CHECK") || st.matches(k, "EXCLUDE")) {
						partial.add(index);
						return;
					}
					if (st.matches(k, "COLUMN")) {
						k++;
					}
					int n = afterIfNotExists(k);
					Name c = name(n);
					if (c != null) {
						List<Op> then = new ArrayList<>();
						references(c.next, end, then);
						ops.add(op(Verb.CREATE, new Key(Kind.COLUMN, table, c.text), null, n > k, at, "column", null,
								List.of(), List.copyOf(then), definition(n, end)));
					}
				}
				case "DROP" -> {
					boolean constraint = st.matches(k, "CONSTRAINT");
					if (constraint || st.matches(k, "COLUMN")) {
						k++;
					}
					boolean guarded = st.matches(k, "IF", "EXISTS");
					Name c = name(guarded ? k + 2 : k);
					if (c != null && !(st.matches(k, "DEFAULT") || st.matches(k, "NOT"))) {
						ops.add(simple(Verb.DROP, new Key(constraint ? Kind.CONSTRAINT : Kind.COLUMN, table, c.text), guarded,
								a, constraint ? "constraint" : "column"));
					}
				}
				case "RENAME" -> {
					if (st.matches(k, "TO")) {
						Name to = name(k + 1);
						if (to != null) {
							ops.add(op(Verb.RENAME, Key.relation(table), Key.relation(to.text), false, at, "table", null,
									List.of(), List.of()));
						}
						return;
					}
					boolean constraint = st.matches(k, "CONSTRAINT");
					if (constraint || st.matches(k, "COLUMN")) {
						k++;
					}
					Name from = name(k);
					Name to = from != null && st.matches(from.next, "TO") ? name(from.next + 1) : null;
					if (to != null) {
						Kind kind = constraint ? Kind.CONSTRAINT : Kind.COLUMN;
						ops.add(op(Verb.RENAME, new Key(kind, table, from.text), new Key(kind, table, to.text), false, at,
								constraint ? "constraint" : "column", null, List.of(), List.of()));
					}
				}
				case "ALTER" -> {
					if (st.matches(k, "CONSTRAINT")) {
						Name c = name(k + 1);
						if (c != null) {
							ops.add(simple(Verb.REQUIRE, new Key(Kind.CONSTRAINT, table, c.text), false, k + 1, "constraint"));
						}
						return;
					}
					if (st.matches(k, "COLUMN")) {
						k++;
					}
					Name c = name(k);
					if (c != null) {
						ops.add(simple(Verb.REQUIRE, new Key(Kind.COLUMN, table, c.text), false, k, "column"));
						aspect(table, c, end);
					}
				}
				default -> {
				}
			}
		}

		/** An ALTER COLUMN that sets the column's type, default or NOT NULL: a new definition of that aspect. */
		private void aspect(String table, Name column, int end) {
			int k = column.next;
			String aspect;
			String definition;
			if (st.matches(k, "TYPE") || st.matches(k, "SET", "DATA", "TYPE")) {
				int from = st.matches(k, "TYPE") ? k + 1 : k + 3;
				int using = depthZero(st, from, "USING");
				aspect = "type";
				definition = definition(from, using >= 0 && using < end ? using : end);
			}
			else if (st.matches(k, "SET", "DEFAULT") || st.matches(k, "DROP", "DEFAULT")) {
				aspect = "default";
				definition = st.matches(k, "SET") ? definition(k + 2, end) : "";
			}
			else if (st.matches(k, "SET", "NOT", "NULL") || st.matches(k, "DROP", "NOT", "NULL")) {
				aspect = "not null";
				definition = st.matches(k, "SET") ? "set" : "drop";
			}
			else {
				return;
			}
			ops.add(op(Verb.DEFINE, new Key(Kind.ASPECT, table + "." + column.text, aspect), null, false, st.token(k),
					"aspect", null, List.of(), List.of(), definition));
		}

		// DML ------------------------------------------------------------------------------------

		private void update(int i) {
			if (st.matches(i, "ONLY")) {
				i++;
			}
			Name table = name(i);
			if (table == null) {
				return;
			}
			ops.add(simple(Verb.REQUIRE, Key.relation(table.text), false, i, "table"));
			int set = depthZero(st, table.next, "SET");
			if (set < 0) {
				return;
			}
			int end = firstOf(set + 1, "FROM", "WHERE", "RETURNING");
			for (int[] part : parts(set + 1, end)) {
				int p = part[0];
				List<Integer> targets = new ArrayList<>();
				if (isText(st.token(p), "(")) {
					for (int[] inner : parts(p + 1, close(p))) {
						targets.add(inner[0]);
					}
				}
				else {
					targets.add(p);
				}
				for (int target : targets) {
					Name c = name(target);
					if (c != null && c.qualifier == null) {
						ops.add(simple(Verb.REQUIRE, new Key(Kind.COLUMN, table.text, c.text), false, target, "column"));
					}
				}
			}
			sources(end, ops);
		}

		private void insert(int i) {
			if (!st.matches(i, "INTO")) {
				return;
			}
			Name table = name(i + 1);
			if (table == null) {
				return;
			}
			ops.add(simple(Verb.REQUIRE, Key.relation(table.text), false, i + 1, "insert"));
			int k = table.next;
			if (st.matches(k, "AS")) {
				k += 2;
			}
			if (isText(st.token(k), "(")) {
				for (int[] part : parts(k + 1, close(k))) {
					Name c = name(part[0]);
					if (c != null && c.qualifier == null) {
						ops.add(simple(Verb.REQUIRE, new Key(Kind.COLUMN, table.text, c.text), false, part[0], "column"));
					}
				}
			}
			int conflict = depthZero(st, k, "ON");
			sources(k, ops, conflict < 0 ? st.tokens().size() : conflict);
		}

		private void delete(int i) {
			if (!st.matches(i, "FROM")) {
				return;
			}
			int t = st.matches(i + 1, "ONLY") ? i + 2 : i + 1;
			Name table = name(t);
			if (table != null) {
				ops.add(simple(Verb.REQUIRE, Key.relation(table.text), false, t, "table"));
				sources(table.next, ops);
			}
		}

		private void comment(int i) {
			if (!st.matches(i, "ON")) {
				return;
			}
			if (st.matches(i + 1, "TABLE") || st.matches(i + 1, "VIEW") || st.matches(i + 1, "INDEX")) {
				Name name = name(i + 2);
				if (name != null) {
					ops.add(simple(Verb.REQUIRE, Key.relation(name.text), false, i + 2, "relation"));
				}
			}
			else if (st.matches(i + 1, "COLUMN")) {
				Name name = name(i + 2);
				if (name != null && name.qualifier != null) {
					ops.add(simple(Verb.REQUIRE, new Key(Kind.COLUMN, name.qualifier, name.text), false, i + 2, "column"));
				}
			}
		}

		/** The relations named after FROM or JOIN from {@code from} on (common table expressions left out). */
		private void sources(int from, List<Op> into) {
			sources(from, into, st.tokens().size());
		}

		private void sources(int from, List<Op> into, int to) {
			Set<String> ctes = new HashSet<>();
			for (int k = 0; k + 2 < st.tokens().size(); k++) {
				if ((st.matches(k, "WITH") || isText(st.token(k), ",") || st.matches(k, "RECURSIVE")) && nameAt(k + 1)
						&& st.matches(k + 2, "AS")) {
					ctes.add(st.token(k + 1).identifier());
				}
			}
			for (int k = Math.max(from, 0); k < to; k++) {
				if (st.matches(k, "FROM") || st.matches(k, "JOIN")) {
					int n = st.matches(k + 1, "ONLY") || st.matches(k + 1, "LATERAL") ? k + 2 : k + 1;
					Name name = name(n);
					if (name != null && !isText(st.token(name.next), "(") && !ctes.contains(name.text)
							&& !(k > 0 && (st.matches(k - 1, "DISTINCT") || st.matches(k - 1, "IS")))) {
						into.add(simple(Verb.REQUIRE, Key.relation(name.text), false, n, "table"));
					}
				}
			}
		}

		// Tokens ---------------------------------------------------------------------------------

		/** A name and the index after it; {@code qualifier} is its schema or table, null when bare. */
		private record Name(String text, String qualifier, int next) {
		}

		/**
		 * The (possibly qualified) name at {@code k}, folded as both databases fold it; the default
		 * schemas {@code public} and {@code main} are dropped, so {@code public.t} is {@code t}.
		 */
		private Name name(int k) {
			if (!nameAt(k)) {
				return null;
			}
			String first = st.token(k).identifier();
			if (isText(st.token(k + 1), ".") && nameAt(k + 2)) {
				String second = st.token(k + 2).identifier();
				if (first.equals("public") || first.equals("main")) {
					return new Name(second, null, k + 3);
				}
				return new Name(second, first, k + 3);
			}
			return new Name(first, null, k + 1);
		}

		private boolean nameAt(int k) {
			SqlToken t = st.token(k);
			return t != null && (t.kind() == SqlToken.Kind.WORD && !RESERVED.contains(t.text().toUpperCase(Locale.ROOT))
					|| t.kind() == SqlToken.Kind.QUOTED_IDENTIFIER);
		}

		/** The index of the parenthesis closing the one at {@code open} (or the end). */
		private int close(int open) {
			int depth = 0;
			for (int k = open; k < st.tokens().size(); k++) {
				if (isText(st.token(k), "(")) {
					depth++;
				}
				else if (isText(st.token(k), ")") && --depth == 0) {
					return k;
				}
			}
			return st.tokens().size();
		}

		/** The comma-separated parts between {@code from} and {@code to} at depth 0: their start and end indices. */
		private List<int[]> parts(int from, int to) {
			List<int[]> parts = new ArrayList<>();
			int depth = 0;
			int start = from;
			for (int k = from; k < to; k++) {
				SqlToken t = st.token(k);
				if (isText(t, "(")) {
					depth++;
				}
				else if (isText(t, ")")) {
					depth--;
				}
				else if (depth == 0 && isText(t, ",")) {
					parts.add(new int[] { start, k });
					start = k + 1;
				}
			}
			if (start < to) {
				parts.add(new int[] { start, to });
			}
			return parts;
		}

		/** The first of {@code words} at depth 0 from {@code from}, or the end. */
		private int firstOf(int from, String... words) {
			int end = st.tokens().size();
			for (String w : words) {
				int at = depthZero(st, from, w);
				if (at >= 0 && at < end) {
					end = at;
				}
			}
			return end;
		}
	}

	/** Words that are never a name where a name is read (so {@code FROM (SELECT ...)} or {@code ON CONFLICT} are not names). */
	private static final Set<String> RESERVED = Set.of("SELECT", "VALUES", "WITH", "WHERE", "ON", "SET", "DEFAULT", "AS",
			"USING", "NOT", "NULL", "IF", "EXISTS", "CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "REFERENCES",
			"ONLY", "LATERAL", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "FULL", "NATURAL", "CASCADE",
			"RESTRICT", "TO", "RETURNING", "ORDER", "GROUP", "LIMIT", "UNION", "EXCEPT", "INTERSECT", "CASE", "WHEN",
			"THEN", "ELSE", "END", "AND", "OR", "IN", "IS", "LIKE", "BETWEEN", "DISTINCT", "ALL", "ANY", "TABLE", "COLUMN");
}
