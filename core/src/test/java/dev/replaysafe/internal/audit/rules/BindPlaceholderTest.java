package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code bind-placeholder}: the exact findings it makes, and forms it must let through. */
class BindPlaceholderTest {

	@Test
	void placeholdersAreFlagged() {
		assertThat(up(Rule.BIND_PLACEHOLDER, "UPDATE t SET a = ?, b = $1, c = :name WHERE id = 1;")).containsExactly(
				"0001_x.sql:1:18 [bind-placeholder] bind placeholder ? in a migration: migrations run as written, never with parameters. Fix: write the value as a literal",
				"0001_x.sql:1:25 [bind-placeholder] bind placeholder $1 in a migration: migrations run as written, never with parameters. Fix: write the value as a literal",
				"0001_x.sql:1:33 [bind-placeholder] bind placeholder :name in a migration: migrations run as written, never with parameters. Fix: write the value as a literal");
	}

	@Test
	void aQuestionMarkInAStringAndACastAreNotPlaceholders() {
		assertThat(up(Rule.BIND_PLACEHOLDER, "UPDATE t SET a = '?', b = c::int WHERE id = 1;")).isEmpty();
	}
}
