package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-without-if-not-exists}: the exact findings it makes, and forms it must let through. */
class CreateWithoutIfNotExistsTest {

	@Test
	void aCreateTableWithoutIfNotExistsIsFlaggedWithItsGuardedForm() {
		assertThat(up(Rule.CREATE_WITHOUT_IF_NOT_EXISTS, "CREATE TABLE notes (id INT);")).containsExactly(
				"0001_x.sql:1:1 [create-without-if-not-exists] CREATE TABLE without IF NOT EXISTS fails when the file runs again. Fix: CREATE TABLE IF NOT EXISTS notes ...");
	}

	@Test
	void aSequenceAndASchemaWithoutIfNotExistsAreFlaggedToo() {
		assertThat(up(Rule.CREATE_WITHOUT_IF_NOT_EXISTS, "CREATE SEQUENCE s;\nCREATE SCHEMA app;\n"
				+ "CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);")).containsExactly(
				"0001_x.sql:1:1 [create-without-if-not-exists] CREATE SEQUENCE without IF NOT EXISTS fails when the file runs again. Fix: CREATE SEQUENCE IF NOT EXISTS s ...",
				"0001_x.sql:2:1 [create-without-if-not-exists] CREATE SCHEMA without IF NOT EXISTS fails when the file runs again. Fix: CREATE SCHEMA IF NOT EXISTS app ...",
				"0001_x.sql:3:1 [create-without-if-not-exists] CREATE COLLATION without IF NOT EXISTS fails when the file runs again. Fix: CREATE COLLATION IF NOT EXISTS ci ...");
	}

	@Test
	void anUnnamedIndexCannotBeGuardedAndIsFlaggedSo() {
		assertThat(up(Rule.CREATE_WITHOUT_IF_NOT_EXISTS, "CREATE UNIQUE INDEX ON notes (title);")).containsExactly(
				"0001_x.sql:1:1 [create-without-if-not-exists] CREATE UNIQUE INDEX without a name cannot be guarded and creates another index on every run. Fix: name it: CREATE UNIQUE INDEX IF NOT EXISTS ix_name ON ...");
	}

	@Test
	void guardedCreatesAreNotFlagged() {
		assertThat(up(Rule.CREATE_WITHOUT_IF_NOT_EXISTS, "CREATE TABLE IF NOT EXISTS notes (id INT);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON notes (id);\nCREATE TEMP TABLE IF NOT EXISTS scratch (id INT);")).isEmpty();
	}
}
