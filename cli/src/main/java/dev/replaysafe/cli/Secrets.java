package dev.replaysafe.cli;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of everything the command prints: a driver's or the engine's message may
 * quote the JDBC URL, and a URL may carry {@code password=...} or {@code user:password@}.
 */
final class Secrets {

	private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;\\s'\"]*");

	private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s'\"]+:)[^/@\\s'\"]*@");

	/** Every password given in this process, by option, environment or URL. */
	private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

	private Secrets() {
	}

	/** Remembers a password so that {@link #redact} hides it wherever it appears. */
	static void remember(String password) {
		if (password != null && !password.isEmpty()) {
			KNOWN.add(password);
		}
	}

	/** The text with every known password, and any password in a URL, replaced by {@code ****}. */
	static String redact(String text) {
		if (text == null) {
			return null;
		}
		String redacted = URL_PASSWORD.matcher(text).replaceAll("$1****");
		redacted = USER_INFO.matcher(redacted).replaceAll("$1****@");
		for (String password : KNOWN) {
			redacted = redacted.replace(password, "****");
		}
		return redacted;
	}
}
