package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code insert-without-conflict-guard}: the exact findings it makes, and forms it must let through. */
class InsertWithoutConflictGuardTest {

	@Test
	void anUnguardedInsertIsFlagged() {
		assertThat(up(Rule.INSERT_WITHOUT_CONFLICT_GUARD, "INSERT INTO notes (id) VALUES (1);")).containsExactly(
				"0001_x.sql:1:1 [insert-without-conflict-guard] INSERT without ON CONFLICT ... DO NOTHING (or DO UPDATE) or WHERE NOT EXISTS fails or duplicates rows when the file runs again. Fix: INSERT INTO t (...) VALUES (...) ON CONFLICT (key) DO NOTHING");
	}

	@Test
	void anInsertWithOnConflictOrWhereNotExistsIsNotFlagged() {
		assertThat(up(Rule.INSERT_WITHOUT_CONFLICT_GUARD, "INSERT INTO notes (id) VALUES (1) ON CONFLICT (id) DO NOTHING;\nINSERT INTO notes (id) SELECT 2 WHERE NOT EXISTS (SELECT 1 FROM notes WHERE id = 2);\nINSERT OR IGNORE INTO notes (id) VALUES (3);")).isEmpty();
	}
}
