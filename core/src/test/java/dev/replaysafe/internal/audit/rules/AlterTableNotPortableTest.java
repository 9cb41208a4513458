package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code alter-table-not-portable}: the exact findings it makes, and forms it must let through. */
class AlterTableNotPortableTest {

	@Test
	void actionsSqliteLacksAndSeveralActionsAreFlagged() {
		assertThat(up(Rule.ALTER_TABLE_NOT_PORTABLE, "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\nALTER TABLE t ADD CONSTRAINT ck CHECK (c > 0);\nALTER TABLE t ADD COLUMN IF NOT EXISTS a INT, ADD COLUMN IF NOT EXISTS b INT;")).containsExactly(
				"0001_x.sql:1:15 [alter-table-not-portable] ALTER TABLE ... ALTER is not in SQLite, whose ALTER TABLE only adds, drops and renames columns. Fix: add a new column, backfill it, and drop the old one; or rebuild the table",
				"0001_x.sql:2:15 [alter-table-not-portable] ALTER TABLE ... ADD CONSTRAINT: SQLite cannot add or drop a table's constraints (and PostgreSQL has no IF NOT EXISTS for them). Fix: declare constraints in CREATE TABLE; for uniqueness CREATE UNIQUE INDEX IF NOT EXISTS ux ON t (c)",
				"0001_x.sql:3:1 [alter-table-not-portable] ALTER TABLE with 2 actions: SQLite runs one action per ALTER TABLE. Fix: one ALTER TABLE statement per action");
	}

	@Test
	void oneColumnActionPerStatementIsNotFlagged() {
		assertThat(up(Rule.ALTER_TABLE_NOT_PORTABLE, "ALTER TABLE t ADD COLUMN IF NOT EXISTS a INT;\nALTER TABLE t DROP COLUMN IF EXISTS b;")).isEmpty();
	}
}
