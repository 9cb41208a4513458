package dev.replaysafe.autoconfigure.datajdbc;

import dev.replaysafe.autoconfigure.ReplaysafeAutoConfiguration;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why {@link SqliteDataJdbcSliceTest} supplies a dialect: Spring Data JDBC ships none for SQLite, and
 * Boot's {@code spring.data.jdbc.dialect} has no SQLite value.
 */
class SqliteWithoutDialectTest {

	/** Where the repositories are, as {@code @SpringBootApplication} says it. */
	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class Repositories {
	}

	@Test
	void withoutADialectBeanSpringDataJdbcRefusesSqliteAfterTheMigrationsRan() {
		try (Db db = TestDatabase.SQLITE.create()) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
						DataSourceTransactionManagerAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
						ReplaysafeAutoConfiguration.class, DataJdbcRepositoriesAutoConfiguration.class))
				.withUserConfiguration(Repositories.class)
				.withPropertyValues("spring.datasource.url=" + db.url())
				.run(context -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("Cannot determine a dialect")
					.hasMessageContaining("Please provide a Dialect"));
			assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations")).isEqualTo(9);
		}
	}

}
