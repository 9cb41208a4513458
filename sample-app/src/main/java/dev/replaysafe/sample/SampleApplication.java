package dev.replaysafe.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web application on the reference schema: workspaces and their documents. replaysafe
 * migrates its database at start (creating the SQLite file's folder if missing);
 * {@code /actuator/migrations} and {@code /actuator/health} show where the schema stands.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
