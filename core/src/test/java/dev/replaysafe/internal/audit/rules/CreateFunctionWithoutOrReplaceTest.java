package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-function-without-or-replace}: the exact findings it makes, and forms it must let through. */
class CreateFunctionWithoutOrReplaceTest {

	@Test
	void aFunctionOrProcedureWithoutOrReplaceIsFlagged() {
		assertThat(up(Rule.CREATE_FUNCTION_WITHOUT_OR_REPLACE, "CREATE FUNCTION one() RETURNS INT LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE PROCEDURE touch() LANGUAGE sql AS $$ SELECT 1 $$;")).containsExactly(
				"0001_x.sql:1:1 [create-function-without-or-replace] CREATE FUNCTION without OR REPLACE fails when the file runs again (PostgreSQL has no CREATE FUNCTION IF NOT EXISTS). Fix: CREATE OR REPLACE FUNCTION one(...) ...",
				"0001_x.sql:2:1 [create-function-without-or-replace] CREATE PROCEDURE without OR REPLACE fails when the file runs again (PostgreSQL has no CREATE PROCEDURE IF NOT EXISTS). Fix: CREATE OR REPLACE PROCEDURE touch(...) ...");
	}

	@Test
	void createOrReplaceIsNotFlagged() {
		assertThat(up(Rule.CREATE_FUNCTION_WITHOUT_OR_REPLACE, "CREATE OR REPLACE FUNCTION one() RETURNS INT LANGUAGE sql AS $$ SELECT 1 $$;")).isEmpty();
	}
}
