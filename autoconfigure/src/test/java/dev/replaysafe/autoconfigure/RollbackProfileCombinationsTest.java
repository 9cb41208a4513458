package dev.replaysafe.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollback under combinations of profiles, as a real {@code SpringApplication} resolves them (the
 * command line, {@code SPRING_PROFILES_ACTIVE}, {@code spring.profiles.include}, profile groups,
 * the default profile): downs are reachable only when every active profile is a dev or test one.
 */
@ExtendWith(OutputCaptureExtension.class)
class RollbackProfileCombinationsTest {

	private Db db;

	@BeforeEach
	void database() {
		this.db = TestDatabase.SQLITE.create();
	}

	@AfterEach
	void drop() {
		this.db.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReplaysafeAutoConfiguration.class, ReplaysafeEndpointAutoConfiguration.class })
	static class App {

		static DataSource dataSource;

		@Bean
		DataSource dataSource() {
			return dataSource;
		}
	}

	private ConfigurableApplicationContext start(Map<String, Object> environmentVariables, String... args) {
		App.dataSource = this.db.dataSource();
		StandardEnvironment environment = new StandardEnvironment();
		if (!environmentVariables.isEmpty()) {
			Map<String, Object> variables = new HashMap<>(System.getenv());
			variables.putAll(environmentVariables);
			environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							variables));
		}
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).environment(environment)
			.run(args);
	}

	private ConfigurableApplicationContext start(String... args) {
		return start(Map.of(), args);
	}

	private static boolean hasRollback(ConfigurableApplicationContext context) {
		return context.getBeanNamesForType(MigrationRollback.class).length > 0
				|| context.getBeanNamesForType(MigrationVerifier.class).length > 0
				|| context.getBeanNamesForType(MigrationsRollbackWebExtension.class).length > 0;
	}

	@Configuration(proxyBeanMethods = false)
	@org.springframework.context.annotation.Import(App.class)
	static class NeedsVerifier {

		@Bean
		Object usesTheVerifier(MigrationVerifier verifier) {
			return verifier;
		}
	}

	@Test
	void injectingTheVerifierWithoutATestProfileExplainsWhyItIsMissingAndWhatToAdd(CapturedOutput output) {
		App.dataSource = this.db.dataSource();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SpringApplicationBuilder(NeedsVerifier.class)
			.web(WebApplicationType.NONE).run("--spring.profiles.active=prod,test")).isNotNull();
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No MigrationVerifier bean: it exists only under a development or test profile")
			.contains("[test] but also [prod]")
			.contains("@ActiveProfiles(\"test\")");
	}

	@Test
	void devAloneHasRollback() {
		try (var context = start("--spring.profiles.active=dev")) {
			assertThat(hasRollback(context)).isTrue();
		}
		try (var context = start("--spring.profiles.active=dev,test-local")) {
			assertThat(hasRollback(context)).isTrue();
		}
	}

	@Test
	void prodNextToDevOnTheCommandLineHasNoRollbackAndSaysWhy(CapturedOutput output) {
		try (var context = start("--spring.profiles.active=prod,dev")) {
			assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("prod", "dev");
			assertThat(hasRollback(context)).isFalse();
		}
		assertThat(output).contains("WARN").contains("[dev] but also [prod]").contains("rollback is off");
	}

	@Test
	void prodNextToDevFromTheEnvironmentVariableHasNoRollback() {
		try (var context = start(Map.of("SPRING_PROFILES_ACTIVE", "dev,prod"))) {
			assertThat(context.getEnvironment().getActiveProfiles()).contains("dev", "prod");
			assertThat(hasRollback(context)).isFalse();
		}
	}

	@Test
	void devIncludedIntoProdHasNoRollback() {
		try (var context = start("--spring.profiles.active=prod", "--spring.profiles.include=dev")) {
			assertThat(context.getEnvironment().getActiveProfiles()).contains("dev", "prod");
			assertThat(hasRollback(context)).isFalse();
		}
	}

	@Test
	void aGroupThatPullsDevIntoProdHasNoRollback() {
		try (var context = start("--spring.profiles.active=prod", "--spring.profiles.group.prod=dev")) {
			assertThat(context.getEnvironment().getActiveProfiles()).contains("dev", "prod");
			assertThat(hasRollback(context)).isFalse();
		}
		try (var context = start("--spring.profiles.active=local", "--spring.profiles.group.local=dev")) {
			assertThat(context.getEnvironment().getActiveProfiles()).contains("local", "dev");
			assertThat(hasRollback(context)).as("local is not a dev or test name").isFalse();
		}
		try (var context = start("--spring.profiles.active=dev-all", "--spring.profiles.group.dev-all=dev,test")) {
			assertThat(hasRollback(context)).as("a group of dev and test profiles only").isTrue();
		}
	}

	@Test
	void theDefaultProfileHasNoRollbackEvenWhenItIsNamedDev() {
		try (var context = start()) {
			assertThat(hasRollback(context)).isFalse();
		}
		try (var context = start("--spring.profiles.default=dev")) {
			assertThat(context.getEnvironment().getDefaultProfiles()).containsExactly("dev");
			assertThat(hasRollback(context)).as("a start that forgot its profile gets no downs").isFalse();
		}
	}
}
