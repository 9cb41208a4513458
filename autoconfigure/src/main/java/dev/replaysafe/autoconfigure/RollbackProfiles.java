package dev.replaysafe.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Decides whether downs are reachable: only when an active profile is one of
 * {@code replaysafe.rollback-profiles} (default {@code dev,test}).
 *
 * <p>The list is configurable, but only with names of development and test profiles ({@code dev},
 * {@code test}, {@code dev-*}, {@code test-*}): a list naming {@code prod} (or {@code staging},
 * {@code default}, ...) stops the start, and this condition ignores such names anyway. That is
 * what makes "no property reaches the downs in production" hold: the only way to get a rollback
 * bean is to run with a dev or test profile.
 */
final class RollbackProfiles extends SpringBootCondition {

	private static final Pattern DEV_OR_TEST = Pattern.compile("(dev|test)([-_][A-Za-z0-9_-]+)?");

	static boolean isDevOrTest(String profile) {
		return profile != null && DEV_OR_TEST.matcher(profile.strip()).matches();
	}

	static void requireDevOrTest(List<String> profiles) {
		List<String> rejected = profiles.stream().filter(p -> !isDevOrTest(p)).toList();
		if (!rejected.isEmpty()) {
			throw new IllegalArgumentException("replaysafe.rollback-profiles may name only development or test "
					+ "profiles (dev, test, dev-*, test-*), not " + rejected + ": down migrations are never reachable "
					+ "in production. Remove " + rejected + " from the list");
		}
	}

	/** Whether rollbacks are available in this environment. */
	static boolean enabled(Environment environment) {
		List<String> configured = Binder.get(environment)
			.bind("replaysafe.rollback-profiles", Bindable.listOf(String.class))
			.orElse(ReplaysafeProperties.DEFAULT_ROLLBACK_PROFILES);
		List<String> allowed = new ArrayList<>(configured.stream().filter(RollbackProfiles::isDevOrTest)
			.map(String::strip).toList());
		return Arrays.stream(environment.getActiveProfiles()).anyMatch(allowed::contains);
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String active = Arrays.toString(environment.getActiveProfiles());
		return enabled(environment)
				? ConditionOutcome.match("an active profile " + active + " is in replaysafe.rollback-profiles")
				: ConditionOutcome.noMatch("no active profile " + active + " is in replaysafe.rollback-profiles");
	}

}
