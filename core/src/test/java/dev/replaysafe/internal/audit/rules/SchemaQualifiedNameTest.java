package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code schema-qualified-name}: the exact findings it makes, and forms it must let through. */
class SchemaQualifiedNameTest {

	@Test
	void qualifiedTableNamesAreFlaggedWithTheDatabaseThatLacksTheQualifier() {
		assertThat(up(Rule.SCHEMA_QUALIFIED_NAME, "CREATE TABLE IF NOT EXISTS main.a (id INT);\nDELETE FROM public.b WHERE id = 1;\nUPDATE c SET id = main.c.id + 1 WHERE id = 1;")).containsExactly(
				"0001_x.sql:1:28 [schema-qualified-name] main.a is schema-qualified: main is SQLite's name for its main database; PostgreSQL has no schema main (schema \"main\" does not exist; a DROP ... IF EXISTS there silently drops nothing). Fix: drop the qualifier: a (each database finds a bare name in its default schema: SQLite's main, PostgreSQL's search_path)",
				"0001_x.sql:2:13 [schema-qualified-name] public.b is schema-qualified: public is a PostgreSQL schema; SQLite qualifies names only with its databases (main, temp, attached ones) and fails with unknown database public. Fix: drop the qualifier: b (each database finds a bare name in its default schema: SQLite's main, PostgreSQL's search_path)",
				"0001_x.sql:3:19 [schema-qualified-name] main.c.id is schema-qualified: main is SQLite's name for its main database; PostgreSQL has no schema main (schema \"main\" does not exist; a DROP ... IF EXISTS there silently drops nothing). Fix: drop the qualifier: c.id (each database finds a bare name in its default schema: SQLite's main, PostgreSQL's search_path)");
	}

	@Test
	void aColumnQualifiedByItsTableIsNotFlagged() {
		assertThat(up(Rule.SCHEMA_QUALIFIED_NAME, "UPDATE c SET id = c.id + 1 WHERE c.id = 1;\nINSERT INTO d (y) SELECT EXTRACT(YEAR FROM c.at) FROM c WHERE true ON CONFLICT DO NOTHING;")).isEmpty();
	}
}
