package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code create-view-without-drop}: the exact findings it makes, and forms it must let through. */
class CreateViewWithoutDropTest {

	@Test
	void aCreateViewWithoutAnEarlierDropIsFlagged() {
		assertThat(up(Rule.CREATE_VIEW_WITHOUT_DROP, "CREATE VIEW recent AS SELECT 1 AS x;\nDROP VIEW IF EXISTS recent;")).containsExactly(
				"0001_x.sql:1:1 [create-view-without-drop] CREATE VIEW recent fails when the file runs again: no DROP VIEW IF EXISTS recent comes before it in the file. Fix: DROP VIEW IF EXISTS recent; before it (PostgreSQL has no CREATE VIEW IF NOT EXISTS, SQLite no CREATE OR REPLACE VIEW)");
	}

	@Test
	void aDropViewIfExistsOfTheSameViewEarlierInTheFileGuardsIt() {
		assertThat(up(Rule.CREATE_VIEW_WITHOUT_DROP, "DROP VIEW IF EXISTS other, Recent;\nCREATE VIEW recent AS SELECT 1 AS x;")).isEmpty();
	}
}
