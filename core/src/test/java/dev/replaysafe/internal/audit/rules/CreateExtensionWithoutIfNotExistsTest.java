package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-extension-without-if-not-exists}: the exact findings it makes, and forms it must let through. */
class CreateExtensionWithoutIfNotExistsTest {

	@Test
	void anExtensionWithoutIfNotExistsIsFlagged() {
		assertThat(up(Rule.CREATE_EXTENSION_WITHOUT_IF_NOT_EXISTS, "CREATE EXTENSION pgcrypto;")).containsExactly(
				"0001_x.sql:1:1 [create-extension-without-if-not-exists] CREATE EXTENSION pgcrypto without IF NOT EXISTS fails when the file runs again. Fix: CREATE EXTENSION IF NOT EXISTS pgcrypto");
	}

	@Test
	void aGuardedExtensionIsNotFlagged() {
		assertThat(up(Rule.CREATE_EXTENSION_WITHOUT_IF_NOT_EXISTS, "CREATE EXTENSION IF NOT EXISTS pgcrypto;")).isEmpty();
	}
}
