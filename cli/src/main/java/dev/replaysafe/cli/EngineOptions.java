package dev.replaysafe.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.replaysafe.AuditMode;
import dev.replaysafe.GroupMode;
import dev.replaysafe.Migrator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The engine's settings, named like the starter's properties ({@code replaysafe.table}, ...). */
final class EngineOptions {

	@Option(names = "--table", description = "The history table (default: ${DEFAULT-VALUE}).",
			defaultValue = Migrator.DEFAULT_TABLE)
	String table;

	@Option(names = "--audit", description = "What the audit of pending files does: ${COMPLETION-CANDIDATES} "
			+ "(default: ${DEFAULT-VALUE}).", defaultValue = "FAIL")
	AuditMode audit;

	/** Applies these settings. */
	Migrator.Builder configure(Migrator.Builder builder) {
		return builder.table(table).audit(audit);
	}

	/** The settings of a run on a live database: the lock, checksums, missing and future versions, a baseline. */
	static final class Run {

		// Migrator.DEFAULT_LOCK_TIMEOUT, written out: reading it here would start the engine's logging
		// while the arguments are parsed (EngineOptionsTest checks that they agree).
		@Option(names = "--lock-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
				defaultValue = "5m",
				description = "How long to wait for another instance's run: 30s, 5m, PT5M, or milliseconds "
						+ "(default: ${DEFAULT-VALUE}).")
		Duration lockTimeout;

		@Option(names = "--validate-checksums", negatable = true, defaultValue = "true", fallbackValue = "true",
				description = "Whether an applied migration whose file changed stops the run (default: true).")
		boolean validateChecksums;

		@Option(names = "--ignore-missing",
				description = "Tolerate applied versions that have no file (default: false).")
		boolean ignoreMissing;

		@Option(names = "--ignore-future", negatable = true, defaultValue = "true", fallbackValue = "true",
				description = "Tolerate versions applied above every file, with a warning (default: true).")
		boolean ignoreFuture;

		@Option(names = "--baseline-version", paramLabel = "VERSION",
				description = "Adopt a database another tool built: when it holds tables but no history rows, "
						+ "record the migrations up to VERSION as applied without running them.")
		Long baselineVersion;

		@Option(names = "--group", paramLabel = "MODE", defaultValue = "EMPTY",
				description = "Whether the pending migrations share one transaction: ${COMPLETION-CANDIDATES} "
						+ "(default: ${DEFAULT-VALUE}: on an empty database, where a failure then leaves it empty).")
		GroupMode group;

		Migrator.Builder configure(Migrator.Builder builder) {
			builder.lockTimeout(lockTimeout).validateChecksums(validateChecksums).ignoreMissing(ignoreMissing)
				.ignoreFuture(ignoreFuture).group(group);
			return baselineVersion == null ? builder : builder.baselineVersion(baselineVersion);
		}
	}

	/** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT5M}), or plain milliseconds, as Spring Boot reads durations. */
	static final class DurationConverter implements ITypeConverter<Duration> {

		private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

		@Override
		public Duration convert(String value) {
			String text = value.trim().toLowerCase(Locale.ROOT);
			Matcher m = SIMPLE.matcher(text);
			if (m.matches()) {
				long amount = Long.parseLong(m.group(1));
				String unit = m.group(2) == null ? "ms" : m.group(2);
				return switch (unit) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					default -> Duration.ofDays(amount);
				};
			}
			try {
				return Duration.parse(value.trim());
			}
			catch (RuntimeException e) {
				throw new picocli.CommandLine.TypeConversionException("'" + value + "' is no duration: write 30s, 5m, "
						+ "1h, PT5M or a number of milliseconds");
			}
		}
	}
}
