package dev.replaysafe.internal.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.Finding;
import dev.replaysafe.internal.audit.rules.AddColumnWithoutIfNotExists;
import dev.replaysafe.internal.audit.rules.AddConstraintWithoutGuard;
import dev.replaysafe.internal.audit.rules.AlterTypeAddValueWithoutIfNotExists;
import dev.replaysafe.internal.audit.rules.CreateExtensionWithoutIfNotExists;
import dev.replaysafe.internal.audit.rules.CreateFunctionWithoutOrReplace;
import dev.replaysafe.internal.audit.rules.CreatePolicyWithoutGuard;
import dev.replaysafe.internal.audit.rules.CreateTriggerWithoutGuard;
import dev.replaysafe.internal.audit.rules.DropConstraintWithoutIfExists;
import dev.replaysafe.internal.audit.rules.AlterTableNotPortable;
import dev.replaysafe.internal.audit.rules.BindPlaceholder;
import dev.replaysafe.internal.audit.rules.Check;
import dev.replaysafe.internal.audit.rules.CreateTrigger;
import dev.replaysafe.internal.audit.rules.CreateTypeWithoutGuard;
import dev.replaysafe.internal.audit.rules.CreateViewWithoutDrop;
import dev.replaysafe.internal.audit.rules.CreateWithoutIfNotExists;
import dev.replaysafe.internal.audit.rules.DeleteWithoutWhere;
import dev.replaysafe.internal.audit.rules.DropColumnWithoutIfExists;
import dev.replaysafe.internal.audit.rules.DropWithoutIfExists;
import dev.replaysafe.internal.audit.rules.EmptyDown;
import dev.replaysafe.internal.audit.rules.InsertSelectUpsertAmbiguity;
import dev.replaysafe.internal.audit.rules.InsertWithoutConflictGuard;
import dev.replaysafe.internal.audit.rules.InvalidDirective;
import dev.replaysafe.internal.audit.rules.InvalidWaiver;
import dev.replaysafe.internal.audit.rules.PostgresOnlySyntax;
import dev.replaysafe.internal.audit.rules.Rename;
import dev.replaysafe.internal.audit.rules.Report;
import dev.replaysafe.internal.audit.rules.SchemaQualifiedName;
import dev.replaysafe.internal.audit.rules.SqliteOnlyFunction;
import dev.replaysafe.internal.audit.rules.SqliteOnlySyntax;
import dev.replaysafe.internal.audit.rules.Statement;
import dev.replaysafe.internal.audit.rules.TimestampNotPortable;
import dev.replaysafe.internal.audit.rules.Tokens;
import dev.replaysafe.internal.audit.rules.TransactionControl;
import dev.replaysafe.internal.audit.rules.UnusedWaiver;
import dev.replaysafe.internal.audit.rules.UpdateWithoutWhere;
import dev.replaysafe.internal.sql.SqlComment;
import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.sql.SqlStatement;
import dev.replaysafe.internal.sql.SqlToken;

/**
 * The audit of one file: each statement, as the lexer streams it, goes to the checks that read its
 * verb and then, token by token, to the checks that read tokens (one walk shared by all); the file's
 * state (views, triggers and policies dropped so far, the line each statement ends on) is kept
 * here; at the end the waivers are applied and the findings sorted by position.
 */
public final class FileAudit implements Report {

	/**
	 * Every check, in the order its findings are made: findings on one token keep this order.
	 * One check per {@link Rule} (the waiver and directive rules are the engine's own, below).
	 */
	public static final List<Check> CHECKS = List.of(new TransactionControl(), new PostgresOnlySyntax(),
			new SqliteOnlySyntax(), new CreateWithoutIfNotExists(), new CreateViewWithoutDrop(), new CreateTrigger(),
			new CreateTypeWithoutGuard(), new DropWithoutIfExists(), new Rename(), new AddColumnWithoutIfNotExists(),
			new DropColumnWithoutIfExists(), new AlterTableNotPortable(), new InsertWithoutConflictGuard(),
			new InsertSelectUpsertAmbiguity(), new UpdateWithoutWhere(), new DeleteWithoutWhere(),
			new AddConstraintWithoutGuard(), new DropConstraintWithoutIfExists(),
			new AlterTypeAddValueWithoutIfNotExists(), new CreateFunctionWithoutOrReplace(),
			new CreateTriggerWithoutGuard(), new CreatePolicyWithoutGuard(), new CreateExtensionWithoutIfNotExists(),
			new BindPlaceholder(), new SqliteOnlyFunction(), new TimestampNotPortable(), new SchemaQualifiedName(),
			new EmptyDown());

	private final String name;
	private final boolean down;
	/**
	 * For each verb some check reads, the checks a statement with it goes to, in order. Built once:
	 * the checks are shared and stateless (a file's state is this audit's), and building it for each
	 * file was a tenth of a cold start's audit time.
	 */
	private static final Map<String, Check[]> BY_VERB = byVerb();
	/** The checks a statement of any other verb goes to: those that read every statement. */
	private static final Check[] EVERY_VERB = CHECKS.stream().filter(c -> c.verbs().isEmpty()).toArray(Check[]::new);
	private static final Check[] TOKEN_CHECKS = CHECKS.stream().filter(Check::readsTokens).toArray(Check[]::new);

	private static Map<String, Check[]> byVerb() {
		Map<String, Check[]> byVerb = new HashMap<>();
		for (Check check : CHECKS) {
			for (String verb : check.verbs()) {
				byVerb.computeIfAbsent(verb, v -> CHECKS.stream()
					.filter(c -> c.verbs().isEmpty() || c.verbs().contains(v))
					.toArray(Check[]::new));
			}
		}
		return Map.copyOf(byVerb);
	}

	private final List<Finding> findings = new ArrayList<>();
	/** For each finding, the index of its statement, -1 for the file as a whole. */
	private final List<Integer> statementOf = new ArrayList<>();
	/**
	 * What this file drops with IF EXISTS so far ("VIEW v", "TRIGGER tr", "CONSTRAINT c"): creating
	 * it after such a drop is replay-safe.
	 */
	private final Set<String> dropped = new HashSet<>();
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

	/** An audit applying every rule (the API drops the findings of rules that do not apply to the targets). */
	public FileAudit(String name, boolean down) {
		this.name = name;
		this.down = down;
	}

	/** Audits a file as the lexer streams it: one statement's tokens at a time, directive comments kept. */
	public List<Finding> run(String text) {
		return run(text, statement -> {
		}, comment -> {
		});
	}

	/** Audits a file as {@link #run(String)} does, handing each statement and comment on too (one lexing for both). */
	List<Finding> run(String text, Consumer<SqlStatement> statements, Consumer<SqlComment> comments) {
		List<SqlComment> directives = new ArrayList<>();
		SqlScript.scan(name, text, statement -> {
			next(statement);
			statements.accept(statement);
		}, comment -> {
			if (InvalidDirective.isDirective(comment) || InvalidDirective.isSqlxDirective(comment)) {
				directives.add(comment);
			}
			comments.accept(comment);
		});
		return finish(directives, text);
	}

	public List<Finding> run(SqlScript script) {
		script.statements().forEach(this::next);
		return finish(script.comments(), String.join("", script.segments()));
	}

	private void next(SqlStatement sql) {
		if (statements == endLines.length) {
			endLines = Arrays.copyOf(endLines, statements * 2);
		}
		SqlToken last = sql.tokens().get(sql.tokens().size() - 1);
		endLines[statements] = last.line() + (int) last.text().chars().filter(c -> c == '\n').count();
		current = statements++;
		Statement st = new Statement(sql, dropped);
		for (Check check : BY_VERB.getOrDefault(st.head(), EVERY_VERB)) {
			check.statement(st, this);
		}
		List<SqlToken> tokens = sql.tokens();
		for (int k = 0; k < tokens.size(); k++) {
			SqlToken t = tokens.get(k);
			String word = t.kind() == SqlToken.Kind.WORD ? t.text().toLowerCase(Locale.ROOT) : null;
			for (Check check : TOKEN_CHECKS) {
				check.token(st, k, t, word, this);
			}
		}
		remember(st);
	}

	/** Keeps what a DROP ... IF EXISTS removed, so that a CREATE of the same object later in the file is guarded. */
	private void remember(Statement st) {
		if (st.head().equals("ALTER") && st.alterTable() != null) {
			for (Statement.Action a : st.alterTable().actions()) {
				String constraint = AddConstraintWithoutGuard.droppedIfExists(st, a);
				if (constraint != null) {
					dropped.add("CONSTRAINT " + constraint);
				}
			}
		}
		if (!st.head().equals("DROP")) {
			return;
		}
		int guard = DropWithoutIfExists.guard(st);
		if (guard < 0) {
			return;
		}
		String kind = Tokens.upper(st.token(st.verb() + 1));
		// DROP VIEW IF EXISTS a, b: each of them may be created again below.
		for (int j = guard + 2; st.token(j) != null; j++) {
			dropped.add(kind + " " + Tokens.name(st.sql(), j));
			j = Tokens.depthZero(st.sql(), j, ",");
			if (j < 0) {
				break;
			}
		}
	}

	private List<Finding> finish(List<SqlComment> comments, String text) {
		current = -1;
		for (Check check : CHECKS) {
			check.end(down, statements, this);
		}
		List<Finding> all = waivers(comments, text);
		all.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
		return all;
	}

	/**
	 * Applies the file's waivers: each names a rule and a reason and accepts that rule's findings in
	 * its statement. A waiver without a known rule or a reason is itself a finding, and waives
	 * nothing; one that waives nothing is a warning (it is stale or misplaced).
	 */
	private List<Finding> waivers(List<SqlComment> comments, String text) {
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
			if (!InvalidDirective.isWaiver(comment)) {
				String problem = InvalidDirective.problem(comment, down, text);
				if (problem != null) {
					all.add(finding(InvalidDirective.RULE, comment.line(), 1, problem, InvalidDirective.RULE.fix()));
				}
				continue;
			}
			String[] waiver = InvalidDirective.waiver(comment);
			Rule rule = Rule.byId(waiver[0]);
			String problem = InvalidWaiver.problem(waiver[0], rule, waiver[1]);
			if (problem != null) {
				all.add(finding(InvalidWaiver.RULE, comment.line(), 1, problem, InvalidWaiver.fix()));
				continue;
			}
			Waived target = new Waived(target(comment.line()), rule.id());
			if (byStatement.containsKey(target)) {
				reasons.put(target, waiver[1]);
			}
			else if (!CrossFileAudit.RULES.contains(rule)) {
				// A waiver of a rule read across files is the set audit's to apply, or to report unused.
				all.add(finding(UnusedWaiver.RULE, comment.line(), 1, UnusedWaiver.message(rule),
						UnusedWaiver.RULE.fix()));
			}
		}
		reasons.forEach((target, reason) -> byStatement.get(target).forEach(f -> all.set(f, all.get(f).waive(reason))));
		return all;
	}

	/** A statement (-1: the file) and a rule id: what a waiver accepts. */
	private record Waived(int statement, String rule) {
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

	@Override
	public void add(Rule rule, SqlToken at, String message, String fix) {
		add(rule, at.line(), at.column(), message, fix);
	}

	@Override
	public void add(Rule rule, int line, int column, String message, String fix) {
		findings.add(finding(rule, line, column, message, fix));
		statementOf.add(current);
	}

	private Finding finding(Rule rule, int line, int column, String message, String fix) {
		return new Finding(name, line, column, rule.id(), rule.severity(), message, fix, null);
	}
}
