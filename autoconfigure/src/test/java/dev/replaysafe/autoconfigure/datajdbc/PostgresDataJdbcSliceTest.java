package dev.replaysafe.autoconfigure.datajdbc;

import dev.replaysafe.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On PostgreSQL (a new database on {@code POSTGRES_TEST_URL}'s server; without one the test fails):
 * Spring Data JDBC detects its own dialect, nothing to configure.
 */
class PostgresDataJdbcSliceTest extends DataJdbcSliceTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		register(TestDatabase.POSTGRES, registry);
	}

	@Test
	void aLockingQueryLocksTheRow() {
		assertThat(this.workspaces.findLockedBySlug("default")).map(Workspace::id).contains(SEEDED_WORKSPACE);
		// Only SELECT ... FOR UPDATE/SHARE takes RowShareLock; the slice's transaction still holds it.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() "
				+ "AND relation = 'workspaces'::regclass AND mode = 'RowShareLock'", Long.class)).isEqualTo(1);
	}

}
