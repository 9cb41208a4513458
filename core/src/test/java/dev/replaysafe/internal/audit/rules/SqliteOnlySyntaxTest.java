package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code sqlite-only-syntax}: the exact findings it makes, and forms it must let through. */
class SqliteOnlySyntaxTest {

	@Test
	void sqliteOnlyStatementsAndWordsAreFlagged() {
		assertThat(up(Rule.SQLITE_ONLY_SYNTAX, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY AUTOINCREMENT) WITHOUT ROWID;\nINSERT OR IGNORE INTO t (id) VALUES (1);\nREPLACE INTO t (id) VALUES (1);\nPRAGMA foreign_keys = ON;\nCREATE VIEW IF NOT EXISTS v AS SELECT 1;\nCREATE VIRTUAL TABLE f USING fts5(body);")).containsExactly(
				"0001_x.sql:1:54 [sqlite-only-syntax] AUTOINCREMENT is SQLite's. Fix: ids the application generates (UUID strings, as the reference schema does)",
				"0001_x.sql:1:69 [sqlite-only-syntax] WITHOUT ROWID is SQLite's. Fix: a plain table with a PRIMARY KEY",
				"0001_x.sql:2:1 [sqlite-only-syntax] INSERT OR IGNORE is SQLite's. Fix: INSERT ... ON CONFLICT (key) DO NOTHING (or DO UPDATE SET ...)",
				"0001_x.sql:3:1 [sqlite-only-syntax] REPLACE INTO is SQLite's; PostgreSQL has no REPLACE. Fix: INSERT ... ON CONFLICT (key) DO UPDATE SET ...",
				"0001_x.sql:4:1 [sqlite-only-syntax] PRAGMA is SQLite's. Fix: leave database settings to the connection (JDBC URL or pool), not to a migration",
				"0001_x.sql:5:13 [sqlite-only-syntax] CREATE VIEW IF NOT EXISTS is SQLite's; PostgreSQL has no IF NOT EXISTS for views. Fix: DROP VIEW IF EXISTS v; CREATE VIEW v AS ... (PostgreSQL has no CREATE VIEW IF NOT EXISTS, SQLite no CREATE OR REPLACE VIEW)",
				"0001_x.sql:6:1 [sqlite-only-syntax] CREATE VIRTUAL TABLE is SQLite's. Fix: a plain table");
	}

	@Test
	void aColumnNamedWithoutIsNotFlagged() {
		assertThat(up(Rule.SQLITE_ONLY_SYNTAX, "CREATE TABLE IF NOT EXISTS t (without INT, rowid_copy INT);")).isEmpty();
	}
}
