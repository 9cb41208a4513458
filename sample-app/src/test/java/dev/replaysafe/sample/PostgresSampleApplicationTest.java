package dev.replaysafe.sample;

import dev.replaysafe.testing.TestDatabase;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresSampleApplicationTest extends SampleApplicationTests {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		db = SampleDatabase.register(TestDatabase.POSTGRES, registry);
	}

	@Override
	String product() {
		return "PostgreSQL";
	}

}
