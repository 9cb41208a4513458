package dev.replaysafe.autoconfigure;

import dev.replaysafe.Migrator;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Migration metrics ({@link MigrationMetrics}), when Micrometer is present. */
@AutoConfiguration(after = ReplaysafeAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, MeterBinder.class })
public class ReplaysafeMetricsAutoConfiguration {

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationMetrics migrationMetrics(Migrator migrator, ObjectProvider<MigrationInitializer> initializer) {
		return new MigrationMetrics(migrator, initializer);
	}

}
