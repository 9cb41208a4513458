package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code insert-select-upsert-ambiguity}: the exact findings it makes, and forms it must let through. */
class InsertSelectUpsertAmbiguityTest {

	@Test
	void onConflictRightAfterAFromListIsFlagged() {
		assertThat(up(Rule.INSERT_SELECT_UPSERT_AMBIGUITY, "INSERT INTO tags (name) SELECT name FROM old_tags ON CONFLICT DO NOTHING;")).containsExactly(
				"0001_x.sql:1:51 [insert-select-upsert-ambiguity] ON CONFLICT right after the SELECT's FROM list is a syntax error on SQLite (near \"DO\"): its parser reads that ON as a join's ON (sqlite.org/lang_upsert.html, Parsing Ambiguity); PostgreSQL accepts it. Fix: end the SELECT with a WHERE clause before ON CONFLICT: INSERT INTO t (...) SELECT ... FROM s WHERE true ON CONFLICT DO NOTHING");
	}

	@Test
	void aWhereBeforeOnConflictEndsTheFromListAndIsNotFlagged() {
		assertThat(up(Rule.INSERT_SELECT_UPSERT_AMBIGUITY, "INSERT INTO tags (name) SELECT name FROM old_tags WHERE true ON CONFLICT DO NOTHING;\nINSERT INTO tags (name) VALUES ('a') ON CONFLICT DO NOTHING;")).isEmpty();
	}
}
