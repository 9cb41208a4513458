package dev.replaysafe.sample;

import dev.replaysafe.autoconfigure.MigrationVerifier;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample's migrations proved on SQLite, as the README tells users to. The application runs on
 * a fresh SQLite file; the verifier proves the migrations on scratch files of its own.
 */
@SpringBootTest
@ActiveProfiles("test")
class SqliteMigrationsTest {

	static Db db;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db = SampleDatabase.register(TestDatabase.SQLITE, registry);
	}

	@AfterAll
	static void drop() {
		db.close();
	}

	@Autowired
	MigrationVerifier verifier;

	@Test
	void upsAreReplaySafe() {
		this.verifier.assertReplaySafe();
	}

	@Test
	void downsReturnToBaseline() {
		this.verifier.assertDownRoundTrip();
	}

}
