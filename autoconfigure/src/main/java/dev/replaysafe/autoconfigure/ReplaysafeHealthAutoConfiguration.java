package dev.replaysafe.autoconfigure;

import dev.replaysafe.Migrator;

import org.springframework.beans.factory.ObjectProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code migrations} health indicator, when Spring Boot's health support is present. */
@AutoConfiguration(after = ReplaysafeAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("migrations")
public class ReplaysafeHealthAutoConfiguration {

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean(name = "migrationsHealthIndicator")
	MigrationsHealthIndicator migrationsHealthIndicator(Migrator migrator, ObjectProvider<MigrationDrift> drift) {
		return new MigrationsHealthIndicator(migrator, drift.getIfAvailable());
	}

}
