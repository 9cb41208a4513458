package dev.replaysafe.autoconfigure;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link MigrationInitializer} initializes the database, so that beans
 * using it (a {@code JdbcTemplate}, JPA, anything {@code @DependsOnDatabaseInitialization}) are
 * created after the migrations ran. Registered in {@code META-INF/spring.factories}.
 */
class MigrationInitializerDatabaseInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(MigrationInitializer.class);
	}

	@Override
	public int getOrder() {
		// As Flyway's: before Boot's own schema.sql/data.sql initializer.
		return 1;
	}

}
