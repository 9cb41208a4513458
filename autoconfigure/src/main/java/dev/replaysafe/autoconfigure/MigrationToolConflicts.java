package dev.replaysafe.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Stops the start before any migration tool runs when Spring Boot's Flyway or Liquibase
 * integration would migrate the same database as replaysafe. Otherwise replaysafe applies its
 * files and then Flyway refuses the non-empty schema ("Found non-empty schema(s) ... but no schema
 * history table"), or Liquibase applies a second set of changes. Checked on the bean definitions,
 * so neither tool (nor replaysafe) has touched the database when the start fails.
 */
class MigrationToolConflicts implements BeanFactoryPostProcessor, EnvironmentAware {

	private static final String FLYWAY_INITIALIZER = "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer";

	private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		List<String> problems = new ArrayList<>();
		if (defines(beanFactory, FLYWAY_INITIALIZER) && !this.environment.containsProperty("spring.flyway.url")) {
			problems.add("Spring Boot's Flyway integration is enabled and would migrate the same database: set "
					+ "spring.flyway.enabled=false to let replaysafe own the schema (or point Flyway at another "
					+ "database with spring.flyway.url)");
		}
		if (defines(beanFactory, LIQUIBASE) && !this.environment.containsProperty("spring.liquibase.url")) {
			problems.add("Spring Boot's Liquibase integration is enabled and would migrate the same database: set "
					+ "spring.liquibase.enabled=false to let replaysafe own the schema (or point Liquibase at another "
					+ "database with spring.liquibase.url)");
		}
		if (!problems.isEmpty()) {
			throw new MigrationToolConflictException(problems);
		}
	}

	private static boolean defines(ConfigurableListableBeanFactory beanFactory, String className) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		if (!ClassUtils.isPresent(className, classLoader)) {
			return false;
		}
		return beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(className, classLoader), true, false).length > 0;
	}

	/** Two migration tools on one database: nothing ran. */
	static class MigrationToolConflictException extends IllegalStateException {

		private final List<String> problems;

		MigrationToolConflictException(List<String> problems) {
			super("replaysafe and another migration tool would both migrate the application's database; nothing was "
					+ "run:\n  - " + String.join("\n  - ", problems));
			this.problems = List.copyOf(problems);
		}

		List<String> problems() {
			return this.problems;
		}

	}

}
