package dev.replaysafe.internal.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.audit.CrossFileAudit;
import dev.replaysafe.internal.audit.FileAudit;

import org.junit.jupiter.api.Test;

/** One class per rule, named after its id, with its own test class; one check per statement rule. */
class EveryRuleTest {

	private static String className(Rule rule) {
		return Arrays.stream(rule.id().split("-"))
			.map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
			.collect(Collectors.joining());
	}

	/** data-loss is the verifier's finding, named in Audit.Rule only so that its waiver is valid. */
	private static final Rule NOT_AN_AUDIT_CHECK = Rule.DATA_LOSS;

	/** The rules read across files, which one analysis of the whole set reports (tested in CrossFileAuditTest). */
	private static final java.util.Set<Rule> ACROSS_FILES = CrossFileAudit.RULES;

	@Test
	void everyRuleHasAClassNamedAfterItsIdAndATestClassOfItsOwn() throws Exception {
		for (Rule rule : Rule.values()) {
			if (rule == NOT_AN_AUDIT_CHECK || ACROSS_FILES.contains(rule)) {
				continue;
			}
			String name = getClass().getPackageName() + "." + className(rule);
			assertThat(Class.forName(name)).as(rule.id()).isNotNull();
			assertThat(Class.forName(name + "Test")).as(rule.id()).isNotNull();
		}
	}

	@Test
	void theEngineRunsOneCheckPerRuleAndTheWaiverAndDirectiveRulesItselfOnly() {
		assertThat(FileAudit.CHECKS.stream().map(Check::rule)).doesNotHaveDuplicates()
			.doesNotContain(Rule.INVALID_DIRECTIVE, Rule.INVALID_WAIVER, Rule.UNUSED_WAIVER, NOT_AN_AUDIT_CHECK)
			.doesNotContainAnyElementsOf(ACROSS_FILES);
		assertThat(FileAudit.CHECKS).hasSize(Rule.values().length - 4 - ACROSS_FILES.size());
		assertThat(ACROSS_FILES).extracting(Rule::category).containsOnly(dev.replaysafe.Audit.Category.REPLAY);
		for (Check check : FileAudit.CHECKS) {
			assertThat(check.getClass().getSimpleName()).isEqualTo(className(check.rule()));
		}
	}
}
