package dev.replaysafe.sample;

import dev.replaysafe.testing.TestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteJdbcSliceTest extends JdbcSliceTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db = SampleDatabase.register(TestDatabase.SQLITE, registry);
	}

}
