package dev.replaysafe.autoconfigure;

import dev.replaysafe.MigrationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Reports a start stopped by replaysafe with the engine's own message (which names the file, the
 * line and the fix) instead of the chain of bean creation exceptions that wraps it, and an Action
 * that fits the kind of failure: whether anything ran, and what to do next.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	private final Environment environment;

	MigrationFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		return new FailureAnalysis(cause.getMessage(), action(cause.kind()), cause);
	}

	private String action(MigrationException.Kind kind) {
		return switch (kind) {
			case AUDIT -> "Nothing was run. Fix each finding in its file (each line names file:line:column and the "
					+ "fix), or accept it in the file with -- replaysafe:allow <rule-id> <reason>; "
					+ "replaysafe.audit=warn logs findings instead of stopping the start.";
			case INVALID_FILES -> "Nothing was run. Rename, pair or fix the migration files named above (NNNN_name.sql "
					+ "with its NNNN_name.down.sql, UTF-8, every string and comment closed), then start again.";
			case REFUSED -> "Nothing was run. Remove or move the statements named above, as each line says, then "
					+ "start again.";
			case HISTORY_MISMATCH -> "Nothing was run. An applied migration must not change: restore the files named "
					+ "above (from version control) and put the change in a new migration. replaysafe.ignore-missing "
					+ "and replaysafe.validate-checksums=false exist for files removed or edited on purpose.";
			case LOCK_TIMEOUT -> "Nothing was run. Another instance held the migration lock longer than "
					+ "replaysafe.lock-timeout: wait for it and start again, stop it if it hangs, or raise "
					+ "replaysafe.lock-timeout if migrations legitimately take longer.";
			case CONFIGURATION -> "Nothing was run. Correct the setting named above and start again.";
			case CONNECTION -> "Check that the database is reachable and accepts the login: " + login() + ". Nothing "
					+ "of a migration whose connection was lost stays applied (its transaction is rolled back); the next "
					+ "start resumes there.";
			case MIGRATION_FAILED -> "Fix the file and line named above and start again: the failed migration was "
					+ "rolled back, the ones before it stay applied, and the next start resumes at the failed one.";
			case OTHER -> "Fix what the message above names and start again.";
		};
	}

	/** The URL migrations log in to (without its password) and the user: what to check. */
	private String login() {
		String url = first("replaysafe.url", "spring.datasource.url");
		String user = first("replaysafe.user", "spring.datasource.username");
		return (url != null ? withoutPassword(url) : "the DataSource's URL") + (user != null ? " as user " + user : "");
	}

	private String first(String... keys) {
		for (String key : keys) {
			String value = this.environment.getProperty(key);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	/** A JDBC URL with any password removed: {@code password=...} parameters and {@code user:password@}. */
	static String withoutPassword(String url) {
		return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***").replaceAll("(//[^/:@]+):[^/@]*@", "$1:***@");
	}

}
