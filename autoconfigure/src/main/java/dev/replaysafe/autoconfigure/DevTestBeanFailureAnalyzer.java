package dev.replaysafe.autoconfigure;

import java.util.Arrays;
import java.util.Set;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * {@code @Autowired MigrationVerifier} (or {@code MigrationRollback}) in a context without a dev
 * or test profile: instead of a bare {@code NoSuchBeanDefinitionException}, say that these beans
 * exist only under {@code replaysafe.rollback-profiles}, why they are missing here, and what to add.
 */
class DevTestBeanFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> {

	private static final Set<Class<?>> DEV_TEST_ONLY = Set.of(MigrationVerifier.class, MigrationRollback.class);

	private final Environment environment;

	DevTestBeanFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		Class<?> type = cause.getBeanType();
		if (type == null || !DEV_TEST_ONLY.contains(type)) {
			return null;
		}
		String why = RollbackProfiles.denial(this.environment);
		return new FailureAnalysis("No " + type.getSimpleName() + " bean: it exists only under a development or test "
				+ "profile (replaysafe.rollback-profiles, default dev,test), so that downs are never reachable in "
				+ "production; here " + (why != null ? why : "the profiles "
						+ Arrays.toString(this.environment.getActiveProfiles()) + " allow it, but no Migrator bean exists"),
				"Activate a test profile where you use it: @ActiveProfiles(\"test\") on the test class (or "
						+ "spring.profiles.active=test), with no other profile active next to it.",
				cause);
	}

}
