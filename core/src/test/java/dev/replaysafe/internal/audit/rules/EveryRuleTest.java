package dev.replaysafe.internal.audit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.replaysafe.Audit.Rule;
import dev.replaysafe.internal.audit.FileAudit;

import org.junit.jupiter.api.Test;

/** One class per rule, named after its id, with its own test class; one check per statement rule. */
class EveryRuleTest {

	private static String className(Rule rule) {
		return Arrays.stream(rule.id().split("-"))
			.map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
			.collect(Collectors.joining());
	}

	@Test
	void everyRuleHasAClassNamedAfterItsIdAndATestClassOfItsOwn() throws Exception {
		for (Rule rule : Rule.values()) {
			String name = getClass().getPackageName() + "." + className(rule);
			assertThat(Class.forName(name)).as(rule.id()).isNotNull();
			assertThat(Class.forName(name + "Test")).as(rule.id()).isNotNull();
		}
	}

	@Test
	void theEngineRunsOneCheckPerRuleAndTheWaiverAndDirectiveRulesItselfOnly() {
		assertThat(FileAudit.CHECKS.stream().map(Check::rule)).doesNotHaveDuplicates()
			.doesNotContain(Rule.INVALID_DIRECTIVE, Rule.INVALID_WAIVER, Rule.UNUSED_WAIVER);
		assertThat(FileAudit.CHECKS).hasSize(Rule.values().length - 3);
		for (Check check : FileAudit.CHECKS) {
			assertThat(check.getClass().getSimpleName()).isEqualTo(className(check.rule()));
		}
	}
}
