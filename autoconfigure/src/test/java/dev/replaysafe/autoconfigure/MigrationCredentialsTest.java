package dev.replaysafe.autoconfigure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.replaysafe.MigrationStatus;
import dev.replaysafe.Migrator;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations with other credentials than the application's: {@code replaysafe.user/password}
 * (the schema owner) while the application logs in with a role that cannot change the schema, and
 * a {@link MigrationDataSource} bean.
 */
class MigrationCredentialsTest {

	private static final AtomicInteger counter = new AtomicInteger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ReplaysafeAutoConfiguration.class,
				ReplaysafeEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=migrations");

	@Test
	void onPostgresTheOwnerRoleMigratesWhileTheApplicationRoleCannotChangeTheSchema() throws Exception {
		String suffix = ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		String owner = "rs_owner_" + suffix;
		String app = "rs_app_" + suffix;
		try (Db db = TestDatabase.POSTGRES.create()) {
			db.execute("CREATE ROLE " + owner + " LOGIN PASSWORD 'owner-secret'",
					"CREATE ROLE " + app + " LOGIN PASSWORD 'app-secret'",
					"GRANT USAGE, CREATE ON SCHEMA public TO " + owner, "GRANT USAGE ON SCHEMA public TO " + app,
					"GRANT CONNECT ON DATABASE " + database(db) + " TO " + owner + ", " + app);
			String url = db.url().replaceFirst("\\?.*$", "");
			this.runner.withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=" + app,
					"spring.datasource.password=app-secret", "replaysafe.user=" + owner,
					"replaysafe.password=owner-secret")
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'workspaces' AND tableowner = '"
							+ owner + "'")).as("the owner role built the schema").isEqualTo(1);
					try (Connection c = context.getBean(DataSource.class).getConnection(); Statement s = c.createStatement()) {
						assertThatThrownBy(() -> s.execute("CREATE TABLE intruder (id INT)")).isInstanceOf(SQLException.class)
							.hasMessageContaining("permission denied");
					}
					// The application role may not even read the history: the endpoint reads through the owner's.
					assertThat(context.getBean(MigrationsEndpoint.class).migrations().migrations())
						.allMatch(m -> m.state().equals("APPLIED")).isNotEmpty();
					assertThat(context.getBean(Migrator.class).status()).extracting(MigrationStatus::state)
						.containsOnly(MigrationStatus.State.APPLIED);
					assertThat(openSessionsOf(db, owner)).as("the owner's connections are closed after use").isZero();
				});
		}
		finally {
			try (Connection c = DriverManager.getConnection(dev.replaysafe.testing.PostgresServer.url());
					Statement s = c.createStatement()) {
				s.execute("DROP ROLE IF EXISTS " + owner);
				s.execute("DROP ROLE IF EXISTS " + app);
			}
		}
	}

	private static String database(Db db) {
		return db.url().replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("\\?.*$", "");
	}

	private static long openSessionsOf(Db db, String role) throws InterruptedException {
		long open = -1;
		for (int i = 0; i < 50 && open != 0; i++) {
			open = db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role + "'");
			Thread.sleep(open == 0 ? 0 : 100);
		}
		return open;
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		static Db application;

		static Db migrations;

		@Bean
		@Primary
		DataSource dataSource() {
			return application.dataSource();
		}

		@Bean
		@MigrationDataSource
		DataSource migrationDataSource() {
			return migrations.dataSource();
		}

	}

	@Test
	void aMigrationDataSourceBeanIsTheOneMigrated() {
		try (Db application = TestDatabase.SQLITE.create(); Db migrations = TestDatabase.SQLITE.create()) {
			TwoDataSources.application = application;
			TwoDataSources.migrations = migrations;
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class))
				.withUserConfiguration(TwoDataSources.class)
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(migrations.hasTable("workspaces")).isTrue();
					assertThat(application.hasTable("workspaces")).isFalse();
					assertThat(context.getBean(Migrator.class).dataSource()).isSameAs(migrations.dataSource());
				});
		}
	}

	@Test
	void replaysafeUrlMigratesThatDatabase() {
		try (Db application = TestDatabase.SQLITE.create(); Db migrations = TestDatabase.SQLITE.create()) {
			this.runner.withPropertyValues("spring.datasource.url=" + application.url(), "replaysafe.url=" + migrations.url())
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(migrations.hasTable("workspaces")).isTrue();
					assertThat(application.hasTable("workspaces")).isFalse();
					assertThat(context.getBean(Migrator.class).dataSource()).isNotInstanceOf(SQLiteDataSource.class)
						.isNotSameAs(context.getBean(DataSource.class));
				});
		}
	}
}
