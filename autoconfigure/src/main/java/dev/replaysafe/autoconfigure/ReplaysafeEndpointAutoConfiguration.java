package dev.replaysafe.autoconfigure;

import dev.replaysafe.Migrator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The {@code migrations} actuator endpoint, when the actuator is present and the endpoint is
 * exposed ({@code management.endpoints.web.exposure.include}); its rollback operation only
 * under dev and test profiles.
 */
@AutoConfiguration(after = ReplaysafeAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(MigrationsEndpoint.class)
public class ReplaysafeEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationsEndpoint migrationsEndpoint(Migrator migrator, ObjectProvider<MigrationRollback> rollback,
			ObjectProvider<MigrationDrift> drift) {
		return new MigrationsEndpoint(migrator, rollback, drift.getIfAvailable());
	}

	@Bean
	@Conditional(RollbackProfiles.class)
	@ConditionalOnBean({ MigrationsEndpoint.class, MigrationRollback.class })
	@ConditionalOnMissingBean
	MigrationsRollbackWebExtension migrationsRollbackWebExtension(MigrationRollback rollback) {
		return new MigrationsRollbackWebExtension(rollback);
	}

}
