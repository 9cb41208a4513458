package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code add-constraint-without-guard}: the exact findings it makes, and forms it must let through. */
class AddConstraintWithoutGuardTest {

	@Test
	void aNamedConstraintWithoutAnEarlierDropIsFlagged() {
		assertThat(up(Rule.ADD_CONSTRAINT_WITHOUT_GUARD, "ALTER TABLE notes ADD CONSTRAINT ck_id CHECK (id > 0);")).containsExactly(
				"0001_x.sql:1:19 [add-constraint-without-guard] ADD CONSTRAINT ck_id fails when the file runs again (PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS): no DROP CONSTRAINT IF EXISTS ck_id comes before it in the file. Fix: ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_id; before it, or a DO block that adds it only when pg_constraint has no ck_id");
	}

	@Test
	void anUnnamedConstraintCannotBeGuardedAndIsFlaggedSo() {
		assertThat(up(Rule.ADD_CONSTRAINT_WITHOUT_GUARD, "ALTER TABLE notes ADD PRIMARY KEY (id);\nALTER TABLE notes ADD UNIQUE (title);")).containsExactly(
				"0001_x.sql:1:19 [add-constraint-without-guard] ADD PRIMARY KEY without a constraint name cannot be guarded: run again, it fails (a second primary key) or adds the constraint once more. Fix: name it, and drop it first: ALTER TABLE notes DROP CONSTRAINT IF EXISTS notes_pkey; ALTER TABLE notes ADD CONSTRAINT notes_pkey PRIMARY KEY ...",
				"0001_x.sql:2:19 [add-constraint-without-guard] ADD UNIQUE without a constraint name cannot be guarded: run again, it fails (a second primary key) or adds the constraint once more. Fix: name it, and drop it first: ALTER TABLE notes DROP CONSTRAINT IF EXISTS notes_key; ALTER TABLE notes ADD CONSTRAINT notes_key UNIQUE ...");
	}

	@Test
	void aDropConstraintIfExistsEarlierInTheFileOrStatementGuardsIt() {
		assertThat(up(Rule.ADD_CONSTRAINT_WITHOUT_GUARD, "ALTER TABLE notes DROP CONSTRAINT IF EXISTS ck_id;\nALTER TABLE notes ADD CONSTRAINT ck_id CHECK (id > 0);\nALTER TABLE notes DROP CONSTRAINT IF EXISTS uq, ADD CONSTRAINT uq UNIQUE (title);")).isEmpty();
	}
}
