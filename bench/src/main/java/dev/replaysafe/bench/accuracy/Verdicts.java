package dev.replaysafe.bench.accuracy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.SqlFile;

/** The static verdicts measured: replaysafe's audit, and squawk's on PostgreSQL files. */
final class Verdicts {

	/** What a rule's finding says about a file: that its replay is unsafe, or something else (portability, form). */
	enum Category {
		REPLAY, OTHER
	}

	/**
	 * The one mapping from rule to category. The audit's error rules about running twice are replay verdicts; its
	 * portability rules (even those whose statements also fail on a replay, like {@code create-trigger}), its
	 * review-only warnings (an {@code UPDATE} or {@code DELETE} without {@code WHERE}) and its rules about a file's
	 * form (transaction control, directives, waivers) are not. Once {@code Audit.Rule} carries its own category,
	 * this method returns that instead.
	 */
	static Category category(String ruleId) {
		return switch (ruleId) {
			case "create-without-if-not-exists", "create-view-without-drop", "drop-without-if-exists",
					"add-column-without-if-not-exists", "drop-column-without-if-exists", "rename",
					"insert-without-conflict-guard", "create-type-without-guard" -> Category.REPLAY;
			default -> Category.OTHER;
		};
	}

	/**
	 * replaysafe's audit of one up file.
	 *
	 * @param replayRules the replay rules with a finding nobody waived: the file is flagged when there is one
	 * @param otherRules the other rules with a finding (to explain a miss)
	 * @param failure the audit's exception message, or null
	 */
	record Audited(Set<String> replayRules, Set<String> otherRules, String failure) {

		boolean flagged() {
			return !replayRules.isEmpty();
		}
	}

	static Audited audit(String name, String text) {
		Set<String> replay = new TreeSet<>();
		Set<String> other = new TreeSet<>();
		try {
			for (Finding f : Audit.up(SqlFile.of(name, text))) {
				if (category(f.rule()) == Category.REPLAY && !f.isWaived()) {
					replay.add(f.rule());
				}
				else {
					other.add(f.rule());
				}
			}
			return new Audited(replay, other, null);
		}
		catch (RuntimeException e) {
			return new Audited(replay, other, e.toString());
		}
	}

	/** squawk's rule that is about replays: the one whose message says the migration can't be rerun. */
	static final String SQUAWK_REPLAY_RULE = "prefer-robust-stmts";

	private static final Pattern SQUAWK_VIOLATION = Pattern.compile("\\{\"file\":\"((?:[^\"\\\\]|\\\\.)*)\".*?\"rule_name\":\"([^\"]*)\"");

	/**
	 * The rules squawk reports per file ({@code --reporter json --include prefer-robust-stmts}, squawk's defaults
	 * otherwise: it does not assume a transaction), for many files in one run.
	 */
	static Map<Path, Set<String>> squawk(Path squawk, List<Path> files) throws Exception {
		Map<Path, Set<String>> rules = new HashMap<>();
		files.forEach(f -> rules.put(f.toAbsolutePath(), new LinkedHashSet<>()));
		for (int from = 0; from < files.size(); from += 200) {
			List<String> command = new ArrayList<>(List.of(squawk.toString(), "--reporter", "json", "--include", SQUAWK_REPLAY_RULE));
			files.subList(from, Math.min(files.size(), from + 200)).forEach(f -> command.add(f.toAbsolutePath().toString()));
			Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			p.getOutputStream().close();
			String json = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			p.waitFor();
			collect(json, rules);
		}
		return rules;
	}

	/** Adds each violation of squawk's JSON report to its file's rules. */
	static void collect(String json, Map<Path, Set<String>> rules) {
		Matcher m = SQUAWK_VIOLATION.matcher(json);
		while (m.find()) {
			Set<String> set = rules.get(Path.of(m.group(1).replace("\\\\", "\\").replace("\\\"", "\"")).toAbsolutePath());
			if (set != null) {
				set.add(m.group(2));
			}
		}
	}
}
