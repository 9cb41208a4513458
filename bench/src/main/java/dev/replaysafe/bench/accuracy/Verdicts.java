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
import dev.replaysafe.Migration;
import dev.replaysafe.SqlFile;

/** The static verdicts measured: replaysafe's audit, and squawk's on PostgreSQL files. */
final class Verdicts {

	/**
	 * Whether a rule's finding is a replay verdict: the audit's own {@link Audit.Category#REPLAY} rules, errors only. Its
	 * portability rules (even those whose statements also fail on a replay, like {@code create-trigger}), its
	 * review-only warnings (an {@code UPDATE} or {@code DELETE} without {@code WHERE}) and its rules about a file's
	 * form (transaction control, directives, waivers) are not.
	 */
	static boolean replayRule(String ruleId) {
		Audit.Rule rule = Audit.Rule.byId(ruleId);
		return rule != null && rule.category() == Audit.Category.REPLAY && rule.severity() == Finding.Severity.ERROR;
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

	/** The audit of one file alone. */
	static Audited audit(String name, String text) {
		return audit(List.of(name), List.of(text), List.of(true)).get(0);
	}

	/**
	 * The audit of a set's up files, in their order, as {@code Audit.of} audits a set: each file's own rules and the
	 * rules that read across files. The set is the files that ran ({@code ran}): one the reference client could not
	 * apply left nothing behind, so it is audited alone; so is one the audit cannot read, which has its failure.
	 */
	static List<Audited> audit(List<String> names, List<String> texts, List<Boolean> ran) {
		List<Audited> audited = new ArrayList<>();
		List<Migration> readable = new ArrayList<>();
		for (int i = 0; i < names.size(); i++) {
			SqlFile up = SqlFile.of(names.get(i), texts.get(i));
			try {
				List<Finding> own = Audit.up(up);
				audited.add(new Audited(new TreeSet<>(), new TreeSet<>(), null));
				if (ran.get(i)) {
					readable.add(new Migration(i + 1, names.get(i), up, SqlFile.of(names.get(i) + ".down", "SELECT 1;")));
				}
				else {
					own.forEach(f -> (replayRule(f.rule()) && !f.isWaived() ? audited.get(audited.size() - 1).replayRules()
							: audited.get(audited.size() - 1).otherRules()).add(f.rule()));
				}
			}
			catch (RuntimeException e) {
				audited.add(new Audited(Set.of(), Set.of(), e.toString()));
			}
		}
		for (Finding f : Audit.of(readable)) {
			Migration m = readable.stream().filter(r -> r.up().location().equals(f.file())).findFirst().orElse(null);
			if (m == null) {
				continue;
			}
			Audited a = audited.get((int) m.version() - 1);
			(replayRule(f.rule()) && !f.isWaived() ? a.replayRules() : a.otherRules()).add(f.rule());
		}
		return audited;
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
