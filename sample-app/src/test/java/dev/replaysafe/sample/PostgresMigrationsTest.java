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
 * The sample's migrations proved on PostgreSQL: a fresh database on the server of
 * {@code POSTGRES_TEST_URL} (or Testcontainers where Docker runs; see README for the
 * {@code @ServiceConnection} variant). The verifier creates its scratch databases on that server.
 */
@SpringBootTest
@ActiveProfiles("test")
class PostgresMigrationsTest {

	static Db db;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db = SampleDatabase.register(TestDatabase.POSTGRES, registry);
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
