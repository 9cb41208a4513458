package dev.replaysafe.autoconfigure;

import dev.replaysafe.MigrationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start stopped by replaysafe with the engine's own message (which names the file, the
 * line and the fix) instead of the chain of bean creation exceptions that wraps it.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix what the message above names and start again: migrations already applied stay applied, "
						+ "and the run resumes at the failed one.",
				cause);
	}

}
