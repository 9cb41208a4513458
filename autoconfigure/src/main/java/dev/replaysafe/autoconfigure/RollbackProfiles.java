package dev.replaysafe.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Decides whether downs are reachable: only when an active profile is one of
 * {@code replaysafe.rollback-profiles} (default {@code dev,test}) and every active profile is a
 * development or test profile.
 *
 * <p>The list is configurable, but only with names of development and test profiles ({@code dev},
 * {@code test}, {@code dev-*}, {@code test-*}): a list naming {@code prod} (or {@code staging},
 * {@code default}, ...) stops the start, and this condition ignores such names anyway. That is
 * what makes "no property reaches the downs in production" hold: the only way to get a rollback
 * bean is to run with a dev or test profile.
 */
final class RollbackProfiles extends SpringBootCondition {

	private static final Log log = LogFactory.getLog(RollbackProfiles.class);

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

	/**
	 * Whether rollbacks are available in this environment: an active profile is in the list, and no
	 * active profile is outside development and test names. {@code prod,dev} (by
	 * {@code spring.profiles.active}, {@code SPRING_PROFILES_ACTIVE}, {@code spring.profiles.include}
	 * or a profile group) is a production start that happens to carry a dev profile, so it gets no
	 * rollback. Only explicitly active profiles count: {@code spring.profiles.default=dev} enables
	 * nothing, since a start that forgot its profile must not get downs.
	 */
	static boolean enabled(Environment environment) {
		return denial(environment) == null;
	}

	/** Why rollbacks are off in this environment, or null when they are available. */
	static String denial(Environment environment) {
		return verdict(environment).denial();
	}

	/**
	 * Logs a WARN when a dev or test profile is active next to another one, so that nobody wonders
	 * why the rollback operation is missing.
	 */
	static void warnIfMixed(Environment environment) {
		Verdict verdict = verdict(environment);
		if (verdict.mixed()) {
			log.warn("replaysafe: " + verdict.denial());
		}
	}

	/** Why rollbacks are off (null: they are on), and whether because a dev/test profile has company. */
	private record Verdict(String denial, boolean mixed) {
	}

	private static Verdict verdict(Environment environment) {
		List<String> allowed = Binder.get(environment)
			.bind("replaysafe.rollback-profiles", Bindable.listOf(String.class))
			.orElse(ReplaysafeProperties.DEFAULT_ROLLBACK_PROFILES)
			.stream().filter(RollbackProfiles::isDevOrTest).map(String::strip).toList();
		List<String> active = Arrays.asList(environment.getActiveProfiles());
		List<String> enabling = active.stream().filter(allowed::contains).toList();
		if (enabling.isEmpty()) {
			return new Verdict("no active profile " + active + " is in replaysafe.rollback-profiles " + allowed, false);
		}
		List<String> others = active.stream().filter(p -> !isDevOrTest(p)).toList();
		if (!others.isEmpty()) {
			return new Verdict("the active profiles " + active + " name " + enabling + " but also " + others
					+ ", which are not development or test profiles (dev, test, dev-*, test-*): rollback is off, since "
					+ "downs are never reachable in a start that may be production; run with the dev or test profiles "
					+ "alone to get it", true);
		}
		return new Verdict(null, false);
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		String denial = denial(environment);
		return denial == null
				? ConditionOutcome.match("an active profile " + Arrays.toString(environment.getActiveProfiles())
						+ " is in replaysafe.rollback-profiles, and every active profile is a dev or test profile")
				: ConditionOutcome.noMatch(denial);
	}

}
