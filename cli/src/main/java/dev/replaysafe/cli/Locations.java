package dev.replaysafe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The LOCATION arguments as the engine reads them: a plain path is a folder on the file system
 * ({@code filesystem:path}); {@code classpath:} and {@code filesystem:} are taken as they are.
 */
final class Locations {

	private Locations() {
	}

	/** The engine's locations; a folder that does not exist is a usage error (exit 2), before anything runs. */
	static List<String> of(List<String> arguments) {
		return arguments.stream().map(Locations::of).toList();
	}

	private static String of(String argument) {
		if (argument.startsWith("classpath:")) {
			return argument;
		}
		String path = argument.startsWith("filesystem:") ? argument.substring("filesystem:".length()) : argument;
		if (!Files.isDirectory(Path.of(path))) {
			throw new Main.ConfigurationException("LOCATION " + argument + (Files.exists(Path.of(path))
					? " is a file, not a folder: name the folder that holds the migrations"
					: " does not exist: name the folder that holds the migrations (a plain path is a folder; "
							+ "classpath:path reads the class path)"));
		}
		return "filesystem:" + path;
	}
}
