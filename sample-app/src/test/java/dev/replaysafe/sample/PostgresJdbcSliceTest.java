package dev.replaysafe.sample;

import dev.replaysafe.testing.TestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresJdbcSliceTest extends JdbcSliceTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db = SampleDatabase.register(TestDatabase.POSTGRES, registry);
	}

}
