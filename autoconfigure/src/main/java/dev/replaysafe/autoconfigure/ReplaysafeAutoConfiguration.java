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
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
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

	/** Stops the start, before anything runs, when Flyway's or Liquibase's integration would migrate the same database. */
	@Bean
	static MigrationToolConflicts replaysafeMigrationToolConflicts() {
		return new MigrationToolConflicts();
	}

	/**
	 * The engine, unless the application defines its own. It migrates the {@link MigrationDataSource}
	 * bean if there is one, else a connection-per-use DataSource from {@code replaysafe.url/user/password}
	 * if set, else the application's DataSource.
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(DataSource.class)
	Migrator migrator(DataSource dataSource, @MigrationDataSource ObjectProvider<DataSource> migrationDataSource,
			ReplaysafeProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<JdbcConnectionDetails> connectionDetails) {
		ClassLoader classLoader = resourceLoader.getClassLoader() != null ? resourceLoader.getClassLoader()
				: ClassUtils.getDefaultClassLoader();
		JdbcConnectionDetails details = connectionDetails.getIfAvailable();
		boolean ownLogin = properties.getUrl() != null || properties.getUser() != null;
		Login login = Login.of(properties, details);
		if (ownLogin && login == null) {
			throw new IllegalStateException("replaysafe.user is set but there is no URL to log in to: set replaysafe.url "
					+ "(or spring.datasource.url)");
		}
		DataSource migrated = migrationDataSource.getIfAvailable();
		if (migrated == null && ownLogin) {
			// Not pooled: each use opens a connection and closes it, so nothing stays open after the start.
			migrated = DataSourceBuilder.create(classLoader).type(SimpleDriverDataSource.class).url(login.url())
				.username(login.user()).password(login.password()).build();
		}
		SqliteFolder.create(login != null ? login.url() : null);
		Migrator.Builder builder = properties.configure(Migrator.builder(migrated != null ? migrated : dataSource))
			.classLoader(classLoader);
		if (login != null) {
			// Scratch databases (drift check, lost history) next to the migrated one, with the same login.
			builder.scratchDatabases(ScratchDatabases.forUrl(login.url(), login.user(), login.password()));
		}
		return builder.build();
	}

	/**
	 * How migrations log in: {@code replaysafe.url/user/password} where set, else {@code spring.datasource.*}
	 * (or a {@code @ServiceConnection}), as Spring Boot's Flyway support reads {@code spring.flyway.*}.
	 */
	record Login(String url, String user, String password) {

		/** Null when no URL is known (a DataSource bean of the application's own). */
		static Login of(ReplaysafeProperties properties, JdbcConnectionDetails details) {
			String url = (properties.getUrl() != null) ? properties.getUrl() : (details != null) ? details.getJdbcUrl() : null;
			if (url == null) {
				return null;
			}
			String user = (properties.getUser() != null) ? properties.getUser() : (details != null) ? details.getUsername() : null;
			String password = (properties.getUser() != null || properties.getPassword() != null) ? properties.getPassword()
					: (details != null) ? details.getPassword() : null;
			return new Login(url, user, password);
		}

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
	MigrationVerifier migrationVerifier(Migrator migrator, ObjectProvider<JdbcConnectionDetails> connectionDetails,
			ReplaysafeProperties properties) {
		return new MigrationVerifier(migrator, connectionDetails.getIfAvailable(), properties.getFixtureLocations());
	}

}
