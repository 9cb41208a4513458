package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code invalid-waiver}: the exact findings it makes, and forms it must let through. */
class InvalidWaiverTest {

	@Test
	void aWaiverWithAnUnknownRuleOrNoReasonIsFlagged() {
		assertThat(up(Rule.INVALID_WAIVER, "-- replaysafe:allow no-such-rule because\n-- replaysafe:allow drop-without-if-exists\n-- replaysafe:allow\nDROP TABLE t;")).containsExactly(
				"0001_x.sql:1:1 [invalid-waiver] the waiver names an unknown rule 'no-such-rule' and waives nothing. Fix: -- replaysafe:allow <rule-id> <reason> (rule ids are listed in the README, section The audit)",
				"0001_x.sql:2:1 [invalid-waiver] the waiver of drop-without-if-exists gives no reason and waives nothing. Fix: -- replaysafe:allow <rule-id> <reason> (rule ids are listed in the README, section The audit)",
				"0001_x.sql:3:1 [invalid-waiver] the waiver names no rule and waives nothing. Fix: -- replaysafe:allow <rule-id> <reason> (rule ids are listed in the README, section The audit)");
	}

	@Test
	void aWaiverWithAKnownRuleAndAReasonIsNotFlagged() {
		assertThat(up(Rule.INVALID_WAIVER, "-- replaysafe:allow drop-without-if-exists the table must exist here\nDROP TABLE t;")).isEmpty();
	}
}
