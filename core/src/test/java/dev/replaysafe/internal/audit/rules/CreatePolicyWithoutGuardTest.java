package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-policy-without-guard}: the exact findings it makes, and forms it must let through. */
class CreatePolicyWithoutGuardTest {

	@Test
	void aPolicyWithoutAnEarlierDropIsFlagged() {
		assertThat(up(Rule.CREATE_POLICY_WITHOUT_GUARD, "CREATE POLICY own ON notes USING (owner = current_user);")).containsExactly(
				"0001_x.sql:1:1 [create-policy-without-guard] CREATE POLICY own fails when the file runs again (PostgreSQL has no CREATE POLICY IF NOT EXISTS): no DROP POLICY IF EXISTS own comes before it in the file. Fix: DROP POLICY IF EXISTS own ON notes; before it");
	}

	@Test
	void anEarlierDropPolicyIfExistsGuardsIt() {
		assertThat(up(Rule.CREATE_POLICY_WITHOUT_GUARD, "DROP POLICY IF EXISTS own ON notes;\nCREATE POLICY own ON notes USING (owner = current_user);")).isEmpty();
	}
}
