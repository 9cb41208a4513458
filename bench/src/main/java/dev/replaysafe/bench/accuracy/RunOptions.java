package dev.replaysafe.bench.accuracy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line both corpus measurements take: {@code --name value} pairs, the PostgreSQL server
 * from {@code POSTGRES_TEST_URL}, the fetch mirror from {@code --mirror} or
 * {@code REPLAYSAFE_CORPUS_MIRROR}, and the sets to measure.
 */
record RunOptions(Map<String, String> options, String pgUrl) {

	/** Reads {@code args}; {@code usage} is the program's usage line, {@code script} the command that starts a server. */
	static RunOptions parse(String[] args, String usage, String script) {
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 == args.length) {
				throw new IllegalArgumentException("usage: " + usage + "; got " + String.join(" ", args));
			}
			options.put(args[i].substring(2), args[++i]);
		}
		String pgUrl = System.getenv("POSTGRES_TEST_URL");
		if (pgUrl == null || pgUrl.isBlank()) {
			throw new IllegalStateException("set POSTGRES_TEST_URL (a JDBC URL whose role may create databases), or run "
					+ script + ", which starts a throwaway server");
		}
		return new RunOptions(options, pgUrl);
	}

	String get(String name) {
		return options.get(name);
	}

	String getOrDefault(String name, String fallback) {
		return options.getOrDefault(name, fallback);
	}

	Path work(String fallback) {
		return Path.of(options.getOrDefault("work", fallback)).toAbsolutePath();
	}

	/** The local mirror of the corpus repositories, or null to fetch each commit from GitHub. */
	Path mirror() {
		String mirror = options.getOrDefault("mirror", System.getenv("REPLAYSAFE_CORPUS_MIRROR"));
		return mirror == null || mirror.isBlank() ? null : Path.of(mirror);
	}

	/** The sets named with {@code --sets a,b}, or null for every set. */
	List<String> sets() {
		return options.containsKey("sets") ? List.of(options.get("sets").split(",")) : null;
	}
}
