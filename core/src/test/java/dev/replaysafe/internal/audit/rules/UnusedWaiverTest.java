package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code unused-waiver}: the exact findings it makes, and forms it must let through. */
class UnusedWaiverTest {

	@Test
	void aWaiverWhoseStatementHasNoSuchFindingIsFlagged() {
		assertThat(up(Rule.UNUSED_WAIVER, "-- replaysafe:allow rename not needed any more\nDROP TABLE IF EXISTS t;")).containsExactly(
				"0001_x.sql:1:1 [unused-waiver] the waiver of rename waives nothing: its statement has no such finding. Fix: remove it, or move it onto (or just above) the statement it is meant for (warning: review only)");
	}

	@Test
	void aWaiverThatWaivesAFindingIsNotFlagged() {
		assertThat(up(Rule.UNUSED_WAIVER, "DROP TABLE t; -- replaysafe:allow drop-without-if-exists the table must exist here")).isEmpty();
	}
}
