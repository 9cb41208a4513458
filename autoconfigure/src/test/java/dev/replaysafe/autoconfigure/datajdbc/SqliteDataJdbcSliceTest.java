package dev.replaysafe.autoconfigure.datajdbc;

import dev.replaysafe.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On SQLite (a new file): Spring Data JDBC has no SQLite dialect, so the test supplies one as a
 * bean, {@link SqliteJdbcDialect}.
 */
class SqliteDataJdbcSliceTest extends DataJdbcSliceTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		register(TestDatabase.SQLITE, registry);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Dialect {

		@Bean
		JdbcDialect sqliteDialect() {
			return new SqliteJdbcDialect();
		}
	}

	@Test
	void aLockingQueryFailsSayingSqliteHasNoRowLocks() {
		assertThatThrownBy(() -> this.workspaces.findLockedBySlug("default"))
			.isInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("SQLite has no row locks (PESSIMISTIC_WRITE requested): remove @Lock");
	}

}
