package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code postgres-only-syntax}: the exact findings it makes, and forms it must let through. */
class PostgresOnlySyntaxTest {

	@Test
	void postgresOnlyStatementsAreFlagged() {
		assertThat(up(Rule.POSTGRES_ONLY_SYNTAX, "CREATE OR REPLACE VIEW v AS SELECT 1;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;\nCREATE MATERIALIZED VIEW mv AS SELECT 1;\nALTER SEQUENCE s RESTART;\nALTER TABLE IF EXISTS t ADD COLUMN IF NOT EXISTS c INT;\nTRUNCATE t;\nCOMMENT ON TABLE t IS 'x';\nDO $$ BEGIN NULL; END $$;")).containsExactly(
				"0001_x.sql:1:8 [postgres-only-syntax] CREATE OR REPLACE is PostgreSQL's; SQLite has none. Fix: DROP VIEW IF EXISTS v; CREATE VIEW v AS ... (for a view)",
				"0001_x.sql:2:1 [postgres-only-syntax] CREATE EXTENSION is PostgreSQL's; SQLite has none. Fix: keep the migrations to tables, indexes, views and data; do the rest in the application",
				"0001_x.sql:3:1 [postgres-only-syntax] CREATE MATERIALIZED VIEW is PostgreSQL's. Fix: a plain view (DROP VIEW IF EXISTS v; CREATE VIEW v AS ...) or a table the application fills",
				"0001_x.sql:4:1 [postgres-only-syntax] ALTER SEQUENCE is PostgreSQL's; SQLite alters only tables. Fix: keep schema changes to tables, indexes and views",
				"0001_x.sql:5:13 [postgres-only-syntax] ALTER TABLE IF is PostgreSQL's. Fix: ALTER TABLE t ...",
				"0001_x.sql:6:1 [postgres-only-syntax] TRUNCATE is PostgreSQL's; SQLite has none. Fix: DELETE FROM t WHERE ... (only the rows meant)",
				"0001_x.sql:7:1 [postgres-only-syntax] COMMENT ON is PostgreSQL's. Fix: a -- comment in the migration file",
				"0001_x.sql:8:1 [postgres-only-syntax] a DO block is PostgreSQL's. Fix: portable SQL statements, each replay-safe on its own");
	}

	@Test
	void postgresOnlyTypesOperatorsAndFunctionsAreFlagged() {
		assertThat(up(Rule.POSTGRES_ONLY_SYNTAX, "CREATE TABLE IF NOT EXISTS t (id BIGSERIAL, n INT GENERATED ALWAYS AS IDENTITY, j JSONB);\nUPDATE t SET n = m::int, at = now() WHERE name ILIKE 'a%';")).containsExactly(
				"0001_x.sql:1:34 [postgres-only-syntax] BIGSERIAL is PostgreSQL's. Fix: ids the application generates (UUID strings, as the reference schema does)",
				"0001_x.sql:1:71 [postgres-only-syntax] GENERATED ... AS IDENTITY is PostgreSQL's. Fix: ids the application generates (UUID strings, as the reference schema does)",
				"0001_x.sql:1:83 [postgres-only-syntax] JSONB is PostgreSQL's. Fix: TEXT holding JSON the application reads and writes",
				"0001_x.sql:2:19 [postgres-only-syntax] the :: cast is PostgreSQL's. Fix: CAST(x AS type)",
				"0001_x.sql:2:31 [postgres-only-syntax] now() is a PostgreSQL function; SQLite has none by that name. Fix: CURRENT_TIMESTAMP",
				"0001_x.sql:2:48 [postgres-only-syntax] ILIKE is PostgreSQL's. Fix: LOWER(x) LIKE LOWER(pattern)");
	}

	@Test
	void portableFormsAndWordsUsedAsNamesAreNotFlagged() {
		assertThat(up(Rule.POSTGRES_ONLY_SYNTAX, "CREATE TABLE IF NOT EXISTS t (serial_no INT, jsonb_copy TEXT);\nUPDATE t SET n = CAST(m AS INT), at = CURRENT_TIMESTAMP WHERE LOWER(name) LIKE 'a%';")).isEmpty();
	}
}
