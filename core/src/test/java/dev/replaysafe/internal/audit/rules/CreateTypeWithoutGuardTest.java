package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-type-without-guard}: the exact findings it makes, and forms it must let through. */
class CreateTypeWithoutGuardTest {

	@Test
	void aCreateTypeOrDomainIsFlagged() {
		assertThat(up(Rule.CREATE_TYPE_WITHOUT_GUARD, "CREATE TYPE mood AS ENUM ('ok', 'sad');\nCREATE DOMAIN code AS VARCHAR(9);")).containsExactly(
				"0001_x.sql:1:1 [create-type-without-guard] CREATE TYPE fails when the file runs again (PostgreSQL has no CREATE TYPE IF NOT EXISTS) and SQLite has no user-defined types. Fix: a VARCHAR column with a CHECK constraint (portable); PostgreSQL only: DO $$ BEGIN CREATE TYPE ...; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
				"0001_x.sql:2:1 [create-type-without-guard] CREATE DOMAIN fails when the file runs again (PostgreSQL has no CREATE DOMAIN IF NOT EXISTS) and SQLite has no user-defined types. Fix: a VARCHAR column with a CHECK constraint (portable); PostgreSQL only: DO $$ BEGIN CREATE TYPE ...; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
	}

	@Test
	void aCreateTypeInsideADoBlockIsNotFlagged() {
		assertThat(up(Rule.CREATE_TYPE_WITHOUT_GUARD, "DO $$ BEGIN CREATE TYPE mood AS ENUM ('ok'); EXCEPTION WHEN duplicate_object THEN NULL; END $$;")).isEmpty();
	}
}
