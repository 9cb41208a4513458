package dev.replaysafe.internal.audit;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.Finding;
import dev.replaysafe.SqlFile;
import dev.replaysafe.internal.audit.FileEffects.Key;
import dev.replaysafe.internal.audit.FileEffects.Kind;
import dev.replaysafe.internal.audit.FileEffects.Op;
import dev.replaysafe.internal.audit.FileEffects.Verb;
import dev.replaysafe.internal.audit.FileEffects.Waiver;

/**
 * The audit across files: what a replay of one up does once the later ups have run, as a lost or
 * reset history row makes the engine replay it. A file that is safe alone may then fail (a later
 * file dropped or renamed what it uses) or silently undo a later file (re-create what it dropped,
 * put back an older definition of a function, view or trigger, drop what it created again).
 *
 * <p>It plays the set's {@link FileEffects} in order into a model of the schema (every object with
 * the statement that last created, redefined or removed it), then plays each file once more on
 * the final model and compares. Each finding names both files and lines. The model knows only
 * what the files' SQL says: an object it never saw created is assumed to exist, so it reports a
 * file only when a later statement it read removed or changed what the file touches, and an
 * object a later {@code DO} block names is left alone.
 *
 * <p>A finding is waived in either file, at either statement: in the later one when the earlier
 * file is already applied (editing an applied file changes its checksum).
 */
public final class CrossFileAudit {

	/** The rules this audit reports. */
	public static final Set<Rule> RULES = EnumSet.of(Rule.REPLAY_USES_REMOVED_OBJECT, Rule.REPLAY_UNDOES_LATER_CHANGE);

	/** The effects of the ups read in this process, by location and checksum, as the findings are kept; each weighs its effects. */
	private static final AuditCache<FileEffects> EFFECTS = new AuditCache<>(5 * AuditCache.CAPACITY, e -> e.ops().size());

	/** Where an effect happened: file (index in the set), statement, line and column. */
	private record Site(int file, int statement, int line, int column) {
	}

	/**
	 * An object's state: whether it exists, and the statement that last created, redefined or
	 * removed it; a relation's kind, an index's table and columns; what a rename called it.
	 */
	private record Obj(boolean exists, Site site, String what, String table, List<String> columns, Key renamedTo,
			String definition) {

		Obj removed(Site by, Key to) {
			return new Obj(false, by, what, table, columns, to, definition);
		}

		static Obj of(Op op, Site site) {
			return new Obj(true, site, op.what(), op.table(), op.columns(), null, op.definition());
		}
	}

	/** Why a replay stops: a needed object is gone ({@code missing}), or for a reason the per-file rules report. */
	private record Failure(Key missing, Obj state, Op op) {
	}

	private CrossFileAudit() {
	}

	/**
	 * The cross-file findings of a set of ups, in their run order, file by file; the waivers of these
	 * rules that waive nothing are reported as {@code unused-waiver} warnings.
	 *
	 * @param ups the up files, in the order they run
	 * @param concerned the locations of the files whose findings are wanted: a finding is kept when it
	 *     is in one of them or names one as the later file (a run passes its pending files)
	 * @return the findings, each in the file whose replay is unsafe, sorted by file order and line
	 */
	public static Result of(List<SqlFile> ups, Set<String> concerned) {
		List<FileEffects> effects = new ArrayList<>();
		for (SqlFile up : ups) {
			effects.add(effects(up));
		}
		Run run = new Run(ups, effects, concerned);
		List<Finding> findings = run.findings();
		Map<String, FileEffects> byLocation = new HashMap<>();
		Map<String, Set<Integer>> proven = new HashMap<>();
		for (int f = 0; f < ups.size(); f++) {
			byLocation.put(ups.get(f).location(), effects.get(f));
			proven.put(ups.get(f).location(), run.proven.getOrDefault(f, Set.of()));
		}
		return new Result(findings, proven, byLocation);
	}

	/**
	 * The per-file rules about guards, whose findings say a statement fails or repeats when run
	 * again: where the replay on the set's final state shows it does not, the finding is withdrawn.
	 */
	private static final Set<Rule> GUARD_RULES = EnumSet.of(Rule.CREATE_WITHOUT_IF_NOT_EXISTS,
			Rule.CREATE_VIEW_WITHOUT_DROP, Rule.DROP_WITHOUT_IF_EXISTS, Rule.ADD_COLUMN_WITHOUT_IF_NOT_EXISTS,
			Rule.DROP_COLUMN_WITHOUT_IF_EXISTS, Rule.RENAME, Rule.ADD_CONSTRAINT_WITHOUT_GUARD,
			Rule.DROP_CONSTRAINT_WITHOUT_IF_EXISTS, Rule.CREATE_FUNCTION_WITHOUT_OR_REPLACE,
			Rule.CREATE_TRIGGER_WITHOUT_GUARD, Rule.CREATE_TYPE_WITHOUT_GUARD, Rule.INSERT_WITHOUT_CONFLICT_GUARD);

	/**
	 * What the analysis of a set found: its findings, and the statements whose replay on the set's
	 * final state it proved clean (every object they create was gone, every one they drop or rename
	 * was there, all of it known to the model), by file location.
	 *
	 * @param findings the findings across files
	 */
	public record Result(List<Finding> findings, Map<String, Set<Integer>> proven, Map<String, FileEffects> effects) {

		/**
		 * Whether a per-file finding is disproved: a guard rule's, at a statement the replay on the
		 * final state runs cleanly (a DROP of what the file creates again below, a table rebuilt
		 * under a new name and renamed back).
		 */
		public boolean disproves(Finding finding) {
			Rule rule = Rule.byId(finding.rule());
			if (!GUARD_RULES.contains(rule) || finding.isWaived()) {
				return false;
			}
			FileEffects file = effects.get(finding.file());
			return file != null && proven.get(finding.file()).contains(file.statementAt(finding.line(), finding.column()));
		}
	}

	/**
	 * The per-file audit of an up, in the same lexing as the reading of its effects for this
	 * analysis, which are kept: a run that audits its pending ups does not lex them again here.
	 *
	 * @param up the up file
	 * @return its per-file findings, as {@code new FileAudit(location, false).run(text)} gives them
	 */
	public static List<Finding> auditUp(SqlFile up) {
		FileEffects.Reader reader = new FileEffects.Reader();
		List<Finding> findings = new FileAudit(up.location(), false).run(up.text(), reader::statement, reader::comment);
		FileEffects effects = reader.effects(RULES);
		EFFECTS.get(up, false, () -> effects);
		return findings;
	}

	private static FileEffects effects(SqlFile up) {
		return EFFECTS.get(up, false, () -> FileEffects.of(up.location(), up.text(), RULES));
	}

	/**
	 * The model's objects, with indexes for what a drop or rename carries along: a table's children
	 * (columns, constraints, triggers, and the aspects of its columns) by table, a column's aspects by
	 * {@code table.column}, indexes by their table, functions and triggers by name. A replay is a
	 * layer over the set's final state: it reads through to it and writes only to itself, so
	 * replaying a file costs what the file touches, not the size of the schema.
	 */
	private static final class State {

		private final State under;
		private final Map<Key, Obj> objects = new HashMap<>();
		private final Map<String, Set<Key>> scoped = new HashMap<>();
		private final Map<String, Set<Key>> named = new HashMap<>();
		private final Map<String, Set<Key>> indexes = new HashMap<>();

		State(State under) {
			this.under = under;
		}

		Obj get(Key key) {
			Obj obj = objects.get(key);
			return obj != null || under == null ? obj : under.get(key);
		}

		void put(Key key, Obj obj) {
			objects.put(key, obj);
			switch (key.kind()) {
				case COLUMN, CONSTRAINT -> add(scoped, key.scope(), key);
				case TRIGGER -> {
					add(scoped, key.scope(), key);
					add(named, "trigger " + key.name(), key);
				}
				case ASPECT -> {
					add(scoped, key.scope(), key);
					add(scoped, key.scope().substring(0, key.scope().indexOf('.')), key);
				}
				case FUNCTION -> add(named, "function " + key.name(), key);
				case RELATION -> {
					if (obj.table() != null) {
						add(indexes, obj.table(), key);
					}
				}
				default -> {
				}
			}
		}

		private static void add(Map<String, Set<Key>> index, String name, Key key) {
			index.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
		}

		/** Every key ever put under this table (or table.column), existing or not: callers read each one's state. */
		List<Key> scoped(String scope) {
			return keys(s -> s.scoped, scope);
		}

		/** The functions or triggers ever put under this key's name. */
		List<Key> named(Key key) {
			return keys(s -> s.named, (key.kind() == Kind.FUNCTION ? "function " : "trigger ") + key.name());
		}

		/** The indexes ever put on this table. */
		List<Key> indexesOn(String table) {
			return keys(s -> s.indexes, table);
		}

		private List<Key> keys(java.util.function.Function<State, Map<String, Set<Key>>> index, String name) {
			Set<Key> keys = new LinkedHashSet<>();
			for (State s = this; s != null; s = s.under) {
				keys.addAll(index.apply(s).getOrDefault(name, Set.of()));
			}
			return List.copyOf(keys);
		}
	}

	/** One analysis of one set. */
	private static final class Run {

		private final List<SqlFile> ups;
		private final List<FileEffects> files;
		private final State last = new State(null);
		private final Set<Waiver> used = new HashSet<>();
		private final Set<String> concerned;
		/** By file, the statements whose replay the model ran cleanly on known objects. */
		private final Map<Integer, Set<Integer>> proven = new HashMap<>();
		/** Set by {@link #apply} when an unguarded effect meets an object the model never saw. */
		private boolean unknown;
		/** The tables the current replay created anew: empty, so an INSERT into one adds no duplicate. */
		private final Set<Key> fresh = new HashSet<>();
		private Map<String, BitSet> opaqueWords;
		/** The file of each opaque block, by block number. */
		private final List<Integer> blockFile = new ArrayList<>();

		/** Each file's place in the set, by location: the order findings are given in. */
		private final Map<String, Integer> index = new HashMap<>();

		Run(List<SqlFile> ups, List<FileEffects> files, Set<String> concerned) {
			this.ups = ups;
			this.files = files;
			this.concerned = concerned;
			for (int f = 0; f < ups.size(); f++) {
				index.put(ups.get(f).location(), f);
			}
		}

		private boolean concerns(int file) {
			return concerned.contains(ups.get(file).location());
		}

		List<Finding> findings() {
			for (int f = 0; f < files.size(); f++) {
				play(f, last, new HashSet<>(), false);
			}
			List<Finding> findings = new ArrayList<>();
			for (int f = 0; f < files.size(); f++) {
				State state = new State(last);
				Set<Key> touched = new LinkedHashSet<>();
				Failure failure = play(f, state, touched, true);
				if (failure == null) {
					findings.addAll(undone(f, state, touched));
				}
				else if (failure.missing != null) {
					Finding finding = missing(f, failure);
					if (finding != null) {
						findings.add(finding);
					}
				}
			}
			findings.addAll(unusedWaivers());
			findings.sort(Comparator.<Finding>comparingInt(x -> index.get(x.file())).thenComparingInt(Finding::line)
				.thenComparingInt(Finding::column));
			return findings;
		}

		/**
		 * Plays file {@code f}'s effects on {@code state}. On the first run of the set every effect is
		 * taken as it happened (the set ran); on a replay the first failure stops it, as it stops
		 * the file's transaction.
		 */
		private Failure play(int f, State state, Set<Key> touched, boolean replay) {
			int skipped = -1;
			Set<Integer> clean = new HashSet<>();
			fresh.clear();
			Set<Integer> dirty = new HashSet<>();
			try {
				for (Op op : files.get(f).ops()) {
					if (op.statement() == skipped) {
						continue;
					}
					unknown = false;
					Failure failure = apply(f, op, state, touched, replay);
					if (failure == SKIP) {
						skipped = op.statement();
					}
					else if (failure != null && replay) {
						dirty.add(op.statement());
						return failure;
					}
					if (unknown) {
						dirty.add(op.statement());
					}
					else if (op.verb() != Verb.REQUIRE || op.what().equals("insert") && fresh.contains(op.key())) {
						clean.add(op.statement());
					}
				}
				return null;
			}
			finally {
				if (replay) {
					// A statement with a part the model does not read is proven of nothing.
					clean.removeAll(dirty);
					clean.removeAll(files.get(f).partial());
					proven.put(f, clean);
				}
			}
		}

		/** A guard (ALTER TABLE IF EXISTS) found its object gone: the rest of the statement does nothing. */
		private static final Failure SKIP = new Failure(null, null, null);

		private static final Failure OTHER = new Failure(null, null, null);

		private Failure apply(int f, Op op, State state, Set<Key> touched, boolean replay) {
			Site site = new Site(f, op.statement(), op.line(), op.column());
			Obj now = lookup(state, op.key());
			switch (op.verb()) {
				case REQUIRE -> {
					if (now != null && !now.exists()) {
						return op.guarded() ? SKIP : new Failure(op.key(), now, op);
					}
					return null;
				}
				case CREATE -> {
					unknown |= now == null && !op.guarded() && replay;
					if (now != null && now.exists()) {
						if (op.guarded()) {
							return null;
						}
						if (replay) {
							return OTHER;
						}
						// The set ran, so the object was created: the model missed what removed it.
					}
					put(state, touched, op.key(), Obj.of(op, site));
					if (op.key().kind() == Kind.RELATION) {
						fresh.add(op.key());
					}
					if (op.key().kind() == Kind.COLUMN) {
						// A new column's type, default and NOT NULL are its definition's, whatever they were before.
						for (String aspect : FileEffects.ASPECTS) {
							put(state, touched, aspect(op.key(), aspect), new Obj(true, site, "aspect", null, List.of(), null,
									op.definition() == null ? null : op.definition() + "/" + aspect));
						}
					}
					return children(f, op, state, touched, replay);
				}
				case DEFINE -> {
					Failure failure = children(f, op, state, touched, replay);
					if (failure != null && replay) {
						return failure;
					}
					put(state, touched, op.key(), Obj.of(op, site));
					return null;
				}
				case DROP -> {
					List<Key> targets = matching(state, op.key());
					unknown |= targets.isEmpty() && now == null && !op.guarded() && replay;
					if (targets.isEmpty()) {
						return now != null && !op.guarded() && replay ? new Failure(op.key(), now, op) : null;
					}
					for (Key key : targets) {
						remove(state, touched, key, site, null);
					}
					return null;
				}
				case RENAME -> {
					if (now == null && op.guarded()) {
						// ALTER INDEX IF EXISTS x RENAME TO y of an x no file created: most likely there is none.
						return null;
					}
					unknown |= now == null && replay;
					if (now != null && !now.exists()) {
						return new Failure(op.key(), now, op);
					}
					Obj target = state.get(op.to());
					if (target != null && target.exists() && replay) {
						return OTHER;
					}
					Obj moved = now == null ? new Obj(true, site, op.what(), null, List.of(), null, null)
							: new Obj(true, site, now.what(), now.table(), now.columns(), null, null);
					rename(state, touched, op.key(), op.to(), site);
					put(state, touched, op.to(), moved);
					return null;
				}
				default -> throw new IllegalStateException(op.verb().toString());
			}
		}

		private Failure children(int f, Op op, State state, Set<Key> touched, boolean replay) {
			for (Op child : op.then()) {
				Failure failure = apply(f, child, state, touched, replay);
				if (failure != null && failure != SKIP && replay) {
					return failure;
				}
			}
			return null;
		}

		/** The object's state; a function asked for by its argument count is also found under any count. */
		private static Obj lookup(State state, Key key) {
			Obj obj = state.get(key);
			if (obj == null && (key.kind() == Kind.FUNCTION || key.kind() == Kind.TRIGGER && key.scope().equals("*"))) {
				for (Key k : state.named(key)) {
					if (key.kind() == Kind.TRIGGER || key.scope().equals("*") || k.scope().equals("*")) {
						return state.get(k);
					}
				}
			}
			return obj;
		}

		/** The existing objects a DROP removes: one, or every overload (a function named without arguments), or every table's trigger of that name (SQLite). */
		private static List<Key> matching(State state, Key key) {
			boolean any = key.scope().equals("*") && (key.kind() == Kind.FUNCTION || key.kind() == Kind.TRIGGER);
			List<Key> keys = new ArrayList<>();
			for (Key k : any ? state.named(key) : Set.of(key)) {
				Obj obj = state.get(k);
				if (obj != null && obj.exists()) {
					keys.add(k);
				}
			}
			return keys;
		}

		private void put(State state, Set<Key> touched, Key key, Obj obj) {
			if (!obj.exists()) {
				fresh.remove(key);
			}
			state.put(key, obj);
			touched.add(key);
		}

		private static Key aspect(Key column, String aspect) {
			return new Key(Kind.ASPECT, column.scope() + "." + column.name(), aspect);
		}

		/** Removes an object and what goes with it: a table's columns, constraints, triggers, aspects and indexes; a column's aspects and indexes. */
		private void remove(State state, Set<Key> touched, Key key, Site site, Key renamedTo) {
			put(state, touched, key, state.get(key).removed(site, renamedTo));
			String table = key.kind() == Kind.RELATION ? key.name() : key.kind() == Kind.COLUMN ? key.scope() : null;
			if (table == null) {
				return;
			}
			// A table's children are scoped by its name, a column's aspects by table.column.
			String scope = key.kind() == Kind.RELATION ? table : table + "." + key.name();
			for (Key k : state.scoped(scope)) {
				Obj v = state.get(k);
				if (v.exists()) {
					put(state, touched, k, v.removed(site, null));
				}
			}
			for (Key k : state.indexesOn(table)) {
				Obj index = state.get(k);
				if (index.exists() && table.equals(index.table())
						&& (key.kind() == Kind.RELATION || index.columns().contains(key.name()))) {
					put(state, touched, k, index.removed(site, null));
				}
			}
		}

		/** Moves an object to its new name, and a table's columns, constraints, triggers, aspects and indexes with it. */
		private void rename(State state, Set<Key> touched, Key from, Key to, Site site) {
			Obj obj = state.get(from);
			if (obj != null) {
				put(state, touched, from, obj.removed(site, to));
			}
			if (from.kind() == Kind.RELATION) {
				for (Key k : state.scoped(from.name())) {
					Obj v = state.get(k);
					if (v.exists()) {
						put(state, touched, k, v.removed(site, null));
						String scope = to.name() + k.scope().substring(from.name().length());
						put(state, touched, new Key(k.kind(), scope, k.name()), v);
					}
				}
				for (Key k : state.indexesOn(from.name())) {
					Obj v = state.get(k);
					if (v.exists() && from.name().equals(v.table())) {
						put(state, touched, k, new Obj(true, v.site(), v.what(), to.name(), v.columns(), null, v.definition()));
					}
				}
			}
			if (from.kind() == Kind.COLUMN) {
				for (Key k : state.scoped(from.scope() + "." + from.name())) {
					Obj v = state.get(k);
					if (v.exists()) {
						put(state, touched, k, v.removed(site, null));
						put(state, touched, new Key(Kind.ASPECT, to.scope() + "." + to.name(), k.name()), v);
					}
				}
				for (Key k : state.indexesOn(from.scope())) {
					Obj v = state.get(k);
					if (v.exists() && from.scope().equals(v.table()) && v.columns().contains(from.name())) {
						List<String> columns = v.columns().stream().map(c -> c.equals(from.name()) ? to.name() : c).toList();
						put(state, touched, k, new Obj(true, v.site(), v.what(), v.table(), columns, null, v.definition()));
					}
				}
			}
		}

		// Findings -----------------------------------------------------------------------------

		private Finding missing(int f, Failure failure) {
			Site removal = failure.state().site();
			if (removal.file() <= f || namedLater(f, failure.missing())) {
				return null;
			}
			Op op = failure.op();
			Key renamed = failure.state().renamedTo();
			String how = renamed == null ? "drops it" : "renames it to " + name(renamed, failure.state());
			String message = "a replay of this file fails once " + where(removal) + " has run: " + name(failure.missing(),
					failure.state()) + " is gone (that file " + how + ")";
			String fix = "make this statement skip what is gone (ALTER TABLE IF EXISTS, DROP ... IF EXISTS, or a PostgreSQL DO "
					+ "block that checks to_regclass), or, once this file is applied, accept it where it is removed: -- "
					+ "replaysafe:allow " + Rule.REPLAY_USES_REMOVED_OBJECT.id() + " <reason> at " + where(removal);
			return finding(Rule.REPLAY_USES_REMOVED_OBJECT, f, op.statement(), op.line(), op.column(), removal, message, fix);
		}

		/** One change a replay made: where in the replayed file, what it says, the later statement it undoes. */
		private record Change(Site at, Key key, String text, Site later) {
		}

		/**
		 * What the replay of file {@code f} changed of what later files left: one finding per statement
		 * of {@code f}; a table's columns, constraints and triggers go unsaid when the table itself changed.
		 */
		private List<Finding> undone(int f, State state, Set<Key> touched) {
			Map<Integer, List<Change>> byStatement = new LinkedHashMap<>();
			for (Key key : touched) {
				Obj before = last.get(key);
				Obj after = state.get(key);
				if (before == null || after == null || before.site().file() <= f || after.site().file() != f
						|| namedLater(f, key)) {
					continue;
				}
				String change;
				if (before.exists() && after.exists() && before.definition() != null
						&& before.definition().equals(after.definition())) {
					continue;
				}
				if (key.kind() == Kind.ASPECT && !(before.exists() && after.exists())) {
					// Its column came or went: that change is the column's, and said as such.
					continue;
				}
				if (before.exists() && after.exists()) {
					change = "puts back its own definition of " + name(key, after) + ", which " + where(before.site())
							+ " redefines";
				}
				else if (before.exists()) {
					change = "drops " + name(key, before) + ", which " + where(before.site()) + " creates";
				}
				else if (after.exists()) {
					change = "re-creates " + name(key, after) + ", which " + where(before.site())
							+ (before.renamedTo() == null ? " drops" : " renames to " + name(before.renamedTo(), before));
				}
				else {
					continue;
				}
				byStatement.computeIfAbsent(after.site().statement(), s -> new ArrayList<>())
					.add(new Change(after.site(), key, change, before.site()));
			}
			List<Finding> findings = new ArrayList<>();
			byStatement.values().forEach(changes -> {
				Set<String> tables = new HashSet<>();
				changes.stream().filter(c -> c.key().kind() == Kind.RELATION).forEach(c -> tables.add(c.key().name()));
				List<Change> said = changes.stream().filter(c -> c.key().kind() == Kind.RELATION
						|| c.key().kind() == Kind.FUNCTION || c.key().kind() == Kind.TYPE || !tables.contains(c.key().scope()))
					.toList();
				Site at = changes.stream().map(Change::at)
					.min(Comparator.comparingInt(Site::line).thenComparingInt(Site::column)).orElseThrow();
				List<String> texts = said.stream().map(Change::text).toList();
				String shown = String.join("; it ", texts.subList(0, Math.min(3, texts.size())))
						+ (texts.size() > 3 ? "; and " + (texts.size() - 3) + " more" : "");
				Site later = said.get(0).later();
				String message = "a replay of this file undoes a later file: it " + shown;
				String fix = "define each object in one file: before this file is applied, remove the statement the later file "
						+ "supersedes; once it is applied, accept it in the later file: -- replaysafe:allow "
						+ Rule.REPLAY_UNDOES_LATER_CHANGE.id() + " <reason> at " + where(later);
				Finding finding = finding(Rule.REPLAY_UNDOES_LATER_CHANGE, f, at.statement(), at.line(), at.column(), later,
						message, fix);
				if (finding != null) {
					findings.add(finding);
				}
			});
			return findings;
		}

		/**
		 * Whether a file after {@code f} names the object in a {@code DO} block or an {@code EXECUTE}
		 * string (a column, constraint or trigger with its table), which may create or drop it where
		 * the model cannot see.
		 */
		private boolean namedLater(int f, Key key) {
			boolean child = key.kind() == Kind.COLUMN || key.kind() == Kind.CONSTRAINT || key.kind() == Kind.TRIGGER;
			List<String> names = key.kind() == Kind.ASPECT ? List.of(key.scope().split("\\.", 2))
					: child ? List.of(key.scope(), key.name()) : List.of(key.name());
			BitSet blocks = null;
			for (String name : names) {
				BitSet with = opaqueWords().get(name);
				if (with == null) {
					return false;
				}
				if (blocks == null) {
					blocks = (BitSet) with.clone();
				}
				else {
					blocks.and(with);
				}
			}
			// The blocks are numbered in file order: the last one naming them all tells.
			int lastBlock = blocks.previousSetBit(blocks.length());
			return lastBlock >= 0 && blockFile.get(lastBlock) > f;
		}

		/** For each word of a DO block or EXECUTE string, the blocks (numbered across the set, in file order) that have it. */
		private Map<String, BitSet> opaqueWords() {
			if (opaqueWords == null) {
				opaqueWords = new HashMap<>();
				for (int f = 0; f < files.size(); f++) {
					for (Set<String> words : files.get(f).opaqueBlocks()) {
						int block = blockFile.size();
						blockFile.add(f);
						words.forEach(w -> opaqueWords.computeIfAbsent(w, x -> new BitSet()).set(block));
					}
				}
			}
			return opaqueWords;
		}


		/** The finding, or null when it concerns none of the files asked about. */
		private Finding finding(Rule rule, int f, int statement, int line, int column, Site blame, String message,
				String fix) {
			if (!concerns(f) && !concerns(blame.file())) {
				return null;
			}
			String reason = waiver(rule, f, statement);
			if (reason == null && blame != null) {
				reason = waiver(rule, blame.file(), blame.statement());
			}
			return new Finding(ups.get(f).location(), line, column, rule.id(), rule.severity(), message, fix, reason);
		}

		private String waiver(Rule rule, int f, int statement) {
			for (Waiver w : files.get(f).waivers()) {
				if (w.rule() == rule && (w.statement() == statement || w.statement() == -1)) {
					used.add(w);
					return w.reason();
				}
			}
			return null;
		}

		private List<Finding> unusedWaivers() {
			List<Finding> unused = new ArrayList<>();
			for (int f = 0; f < files.size(); f++) {
				for (Waiver w : files.get(f).waivers()) {
					if (!used.contains(w) && concerns(f)) {
						unused.add(new Finding(ups.get(f).location(), w.line(), 1, Rule.UNUSED_WAIVER.id(),
								Rule.UNUSED_WAIVER.severity(), "replaysafe:allow " + w.rule().id()
										+ " waives nothing: no replay across files is unsafe at this statement",
								Rule.UNUSED_WAIVER.fix(), null));
					}
				}
			}
			return unused;
		}

		private String where(Site site) {
			return ups.get(site.file()).fileName() + ":" + site.line();
		}

		private static String name(Key key, Obj obj) {
			if (key.kind() == Kind.RELATION) {
				return (obj == null || obj.what() == null ? "relation" : obj.what()) + " " + key.name();
			}
			return key.toString();
		}
	}
}
