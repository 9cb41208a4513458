package dev.replaysafe.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * A small web application on the reference schema: workspaces and their documents. replaysafe
 * migrates its database at start; {@code /actuator/migrations} and {@code /actuator/health} show
 * where the schema stands.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addListeners(sqliteFolder());
		application.run(args);
	}

	/** SQLite creates its file but not the folder around it: create {@code ./data} (or whichever) first. */
	static ApplicationListener<ApplicationEnvironmentPreparedEvent> sqliteFolder() {
		return event -> {
			String url = event.getEnvironment().getProperty("spring.datasource.url", "");
			if (url.startsWith("jdbc:sqlite:") && !url.contains(":memory:")) {
				String file = url.substring("jdbc:sqlite:".length()).replaceFirst("^file:", "").replaceFirst("\\?.*$", "");
				Path parent = Path.of(file).toAbsolutePath().getParent();
				try {
					Files.createDirectories(parent);
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not create the folder of the SQLite database " + file, ex);
				}
			}
		};
	}

}
