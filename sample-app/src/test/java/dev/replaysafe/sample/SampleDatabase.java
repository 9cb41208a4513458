package dev.replaysafe.sample;

import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a test's application at a fresh database: a new SQLite file, or a new PostgreSQL
 * database on the server of {@code POSTGRES_TEST_URL} (scripts/test starts one) or, where a
 * Docker engine runs, of a Testcontainers PostgreSQL. Never skips: with neither, it fails.
 */
final class SampleDatabase {

	private SampleDatabase() {
	}

	/** Creates the database and sets {@code spring.datasource.url}; close the result to drop it. */
	static Db register(TestDatabase kind, DynamicPropertyRegistry registry) {
		Db db = kind.create();
		registry.add("spring.datasource.url", db::url);
		return db;
	}

}
