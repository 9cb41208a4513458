package dev.replaysafe.autoconfigure;

import javax.sql.DataSource;

import dev.replaysafe.MigrateResult;
import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Downs are reachable only under a dev or test profile, and no property changes that. */
class RollbackProfilesTest {

	private Db db;

	private ApplicationContextRunner runner;

	@BeforeEach
	void database() {
		this.db = TestDatabase.SQLITE.create();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class,
					ReplaysafeEndpointAutoConfiguration.class))
			.withBean(DataSource.class, this.db::dataSource)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations");
	}

	@AfterEach
	void drop() {
		this.db.close();
	}

	private ApplicationContextRunner withProfiles(String... profiles) {
		return this.runner.withInitializer(context -> context.getEnvironment().setActiveProfiles(profiles));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dev", "test" })
	void aDevOrTestProfileHasTheRollbackServiceAndOperation(String profile) {
		withProfiles(profile).run(context -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MigrationRollback.class)
				.hasSingleBean(MigrationsRollbackWebExtension.class);
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().rollbackAvailable()).isTrue();
		});
	}

	@Test
	void noProfileHasNoRollback() {
		this.runner.run(context -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationRollback.class)
				.doesNotHaveBean(MigrationsRollbackWebExtension.class);
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().rollbackAvailable()).isFalse();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "prod", "staging", "default", "development" })
	void anyOtherProfileHasNoRollback(String profile) {
		withProfiles(profile).run(context -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(MigrationRollback.class)
			.doesNotHaveBean(MigrationsRollbackWebExtension.class));
	}

	/**
	 * By construction: under prod no bean in the context, the engine included, has a public method
	 * that executes a down file (the only types that do are {@link dev.replaysafe.Rollback}, the
	 * verifier and the starter's wrappers of them), nor one that hands such an object out.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "prod", "staging", "default" })
	void underAnyOtherProfileNoBeanHasAMethodThatExecutesADownFile(String profile) {
		java.util.Set<Class<?>> runsDowns = java.util.Set.of(dev.replaysafe.Rollback.class, dev.replaysafe.Verifier.class,
				MigrationRollback.class, MigrationVerifier.class, MigrationsRollbackWebExtension.class);
		withProfiles(profile).withConfiguration(AutoConfigurations.of(ReplaysafeHealthAutoConfiguration.class,
				ReplaysafeMetricsAutoConfiguration.class)).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(dev.replaysafe.Migrator.class);
			java.util.List<String> offenders = new java.util.ArrayList<>();
			for (String name : context.getBeanDefinitionNames()) {
				Class<?> type = org.springframework.aop.support.AopUtils.getTargetClass(context.getBean(name));
				if (runsDowns.stream().anyMatch(t -> t.isAssignableFrom(type))) {
					offenders.add(name + " is a " + type.getSimpleName());
					continue;
				}
				for (java.lang.reflect.Method method : type.getMethods()) {
					boolean handsOut = runsDowns.stream().anyMatch(t -> t.isAssignableFrom(method.getReturnType()));
					// Property accessors (getRollbackProfiles) configure; they execute nothing.
					boolean named = method.getName().toLowerCase(java.util.Locale.ROOT).matches(".*(rollback|revert|down).*")
							&& !method.getName().matches("(get|set|is)[A-Z].*");
					if (handsOut || named && method.getDeclaringClass().getName().startsWith("dev.replaysafe")) {
						offenders.add(name + "." + method.getName());
					}
				}
			}
			assertThat(offenders).isEmpty();
			assertThat(context.getBean(MigrationsEndpoint.class).migrations().rollbackAvailable()).isFalse();
		});
	}

	@Test
	void theRollbackTypeIsTheOnlyEngineTypeThatRevertsAndMigratorHasNoWayToIt() {
		assertThat(dev.replaysafe.Migrator.class.getMethods()).noneMatch(m -> m.getName().toLowerCase(java.util.Locale.ROOT)
			.matches(".*(rollback|revert).*") || m.getReturnType() == dev.replaysafe.Rollback.class);
		assertThat(dev.replaysafe.Rollback.class.getMethods()).anyMatch(m -> m.getName().equals("rollback"));
	}

	@Test
	void noPropertyEnablesRollbackUnderProd() {
		withProfiles("prod").withPropertyValues("replaysafe.rollback-profiles=prod").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("replaysafe.rollback-profiles may name only development or test profiles")
				.hasMessageContaining("[prod]");
		});
		// The condition ignores such names too, whether the list is bound or not.
		assertThat(RollbackProfiles.enabled(prodEnvironmentListing("prod"))).isFalse();
		assertThat(RollbackProfiles.enabled(prodEnvironmentListing("prod,dev"))).isFalse();
	}

	@Test
	void theListCanNarrowTheProfiles() {
		withProfiles("dev").withPropertyValues("replaysafe.rollback-profiles=test")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(MigrationRollback.class));
		withProfiles("test").withPropertyValues("replaysafe.rollback-profiles=test")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(MigrationRollback.class));
	}

	@Test
	void theListCanNameOtherDevAndTestProfiles() {
		withProfiles("dev-local").withPropertyValues("replaysafe.rollback-profiles=dev-local,test")
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(MigrationRollback.class));
	}

	@Test
	void theEndpointIsOnlyThereWhenExposed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class,
					ReplaysafeEndpointAutoConfiguration.class))
			.withBean(DataSource.class, this.db::dataSource)
			.withInitializer(context -> context.getEnvironment().setActiveProfiles("dev"))
			.run(context -> assertThat(context).hasNotFailed()
				.hasSingleBean(MigrationRollback.class)
				.doesNotHaveBean(MigrationsEndpoint.class)
				.doesNotHaveBean(MigrationsRollbackWebExtension.class));
	}

	@EachDatabase
	void theRollbackServiceRunsTheDownsNewestFirst(Db db) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class))
			.withBean(DataSource.class, db::dataSource)
			.withInitializer(context -> context.getEnvironment().setActiveProfiles("test"))
			.run(context -> {
				MigrateResult result = context.getBean(MigrationRollback.class).rollback(3);
				assertThat(result.currentVersion()).isEqualTo(3);
				assertThat(result.applied()).extracting(MigrateResult.Applied::version).isSortedAccordingTo(
						java.util.Comparator.reverseOrder()).allMatch(v -> v > 3);
				assertThat(db.hasTable("documents")).isTrue();
				assertThat(db.hasTable("tags")).isFalse();
				MigrationsRollbackWebExtension.RollbackDescriptor all = (MigrationsRollbackWebExtension.RollbackDescriptor)
						new MigrationsRollbackWebExtension(context.getBean(MigrationRollback.class)).rollback(0).getBody();
				assertThat(all.currentVersion()).isNull();
				assertThat(all.reverted()).extracting(MigrationsRollbackWebExtension.Reverted::version)
					.containsExactly(3L, 2L, 1L);
				assertThat(db.hasTable("workspaces")).isFalse();
			});
	}

	@Test
	void aNegativeTargetIsABadRequest() {
		withProfiles("dev").run(context -> {
			var response = context.getBean(MigrationsRollbackWebExtension.class).rollback(-1);
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(response.getBody()).asString().contains("targetVersion must be 0");
		});
	}

	@EachDatabase
	void aFailingDownAnswers500WithTheEnginesMessage(Db db) {
		dev.replaysafe.testing.MigrationDir dir = dev.replaysafe.testing.MigrationDir.create()
			.migration("0001_one", "CREATE TABLE IF NOT EXISTS one (id INTEGER);", "DROP TABLE IF EXISTS one;")
			.migration("0002_two", "CREATE TABLE IF NOT EXISTS two (id INTEGER);", "DROP TABLE no_such_table;");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReplaysafeAutoConfiguration.class,
					ReplaysafeEndpointAutoConfiguration.class))
			.withBean(DataSource.class, db::dataSource)
			.withPropertyValues("management.endpoints.web.exposure.include=migrations",
					"replaysafe.locations=" + dir.location(), "replaysafe.audit=off")
			.withInitializer(context -> context.getEnvironment().setActiveProfiles("dev"))
			.run(context -> {
				var response = context.getBean(MigrationsRollbackWebExtension.class).rollback(0);
				assertThat(response.getStatus()).isEqualTo(500);
				assertThat(response.getBody()).asString().contains("0002_two.down.sql").contains("no_such_table");
				assertThat(db.hasTable("two")).as("the failed down's transaction is rolled back").isTrue();
				assertThat(db.hasTable("one")).isTrue();
			});
	}

	private static org.springframework.core.env.Environment prodEnvironmentListing(String rollbackProfiles) {
		org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment()
			.withProperty("replaysafe.rollback-profiles", rollbackProfiles);
		environment.setActiveProfiles("prod");
		return environment;
	}

}
