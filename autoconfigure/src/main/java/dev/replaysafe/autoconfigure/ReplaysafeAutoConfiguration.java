package dev.replaysafe.autoconfigure;

import javax.sql.DataSource;

import dev.replaysafe.Migrator;
import dev.replaysafe.ScratchDatabases;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Builds the {@link Migrator} from {@code replaysafe.*} and runs it at start through
 * {@link MigrationInitializer}. Declares beans only; nothing runs here.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
@ConditionalOnBooleanProperty(name = "replaysafe.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReplaysafeProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class ReplaysafeAutoConfiguration {

	/** The engine, unless the application defines its own. */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(DataSource.class)
	Migrator migrator(DataSource dataSource, ReplaysafeProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		Migrator.Builder builder = properties.configure(Migrator.builder(dataSource))
			.classLoader(classLoader != null ? classLoader : ClassUtils.getDefaultClassLoader());
		ScratchDatabases scratch = scratchDatabases(connectionDetails.getIfAvailable());
		if (scratch != null) {
			builder.scratchDatabases(scratch);
		}
		return builder.build();
	}

	/**
	 * Scratch databases next to the application's, reached with {@code spring.datasource.*} (or a
	 * {@code @ServiceConnection}); null when they do not say (the engine then explains what is missing).
	 */
	static ScratchDatabases scratchDatabases(JdbcConnectionDetails details) {
		return (details != null)
				? ScratchDatabases.forUrl(details.getJdbcUrl(), details.getUsername(), details.getPassword()) : null;
	}

	/** The start's drift check ({@code replaysafe.drift-check}), whichever {@link Migrator} the context has. */
	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationDrift migrationDrift(Migrator migrator, ReplaysafeProperties properties) {
		return new MigrationDrift(migrator, properties.getDriftCheck());
	}

	/** Migrates at start, whichever {@link Migrator} the context has (ours or the application's). */
	@Bean
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationInitializer migrationInitializer(Migrator migrator, ObjectProvider<MigrationStrategy> strategy,
			Environment environment, ObjectProvider<MigrationDrift> drift) {
		RollbackProfiles.warnIfMixed(environment);
		return new MigrationInitializer(migrator, strategy.getIfAvailable(), drift.getIfAvailable());
	}

	/** Downs, only under a development or test profile ({@link RollbackProfiles}). */
	@Bean
	@Conditional(RollbackProfiles.class)
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationRollback migrationRollback(Migrator migrator) {
		return new MigrationRollback(migrator);
	}

	/** Test support: proves the migrations on scratch databases, under dev and test profiles only. */
	@Bean
	@Conditional(RollbackProfiles.class)
	@ConditionalOnBean(Migrator.class)
	@ConditionalOnMissingBean
	MigrationVerifier migrationVerifier(Migrator migrator, ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		return new MigrationVerifier(migrator, connectionDetails.getIfAvailable());
	}

}
