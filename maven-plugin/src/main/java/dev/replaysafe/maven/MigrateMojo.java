package dev.replaysafe.maven;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.replaysafe.Migrator;

/**
 * Applies the pending ups to the database at {@code url}, as the starter does at start (audit, lock,
 * checksums, history). There is deliberately no rollback goal: downs run only through the engine's
 * {@code Rollback} type in development and test code, never from a build that may point at production.
 */
@Mojo(name = "migrate", threadSafe = true)
public class MigrateMojo extends AbstractDatabaseMojo {

	/**
	 * What to do with audit findings on the pending files: {@code fail} (findings stop the run before
	 * anything executes), {@code warn} (log them) or {@code off}.
	 */
	@Parameter(property = "replaysafe.audit", defaultValue = "fail")
	private String audit;

	/**
	 * How long to wait for another instance's run: {@code 30s}, {@code 5m}, {@code PT5M}; 0 fails at once.
	 * Default: the engine's, 5 minutes.
	 */
	@Parameter(property = "replaysafe.lock-timeout")
	private String lockTimeout;

	/**
	 * Adopts a database built by another tool: records the migrations up to this version as applied without
	 * running them, when the database has user objects and no history rows.
	 */
	@Parameter(property = "replaysafe.baseline-version")
	private Long baselineVersion;

	@Override
	String goal() {
		return "migrate";
	}

	@Override
	void run() throws MojoExecutionException {
		String url = requireUrl();
		createSqliteFolder(url);
		Migrator.Builder builder = migrator(dataSource(url)).audit(auditMode(audit));
		if (lockTimeout != null && !lockTimeout.isBlank()) {
			builder.lockTimeout(duration("lockTimeout (replaysafe.lock-timeout)", lockTimeout));
		}
		if (baselineVersion != null) {
			builder.baselineVersion(baselineVersion);
		}
		// The engine logs each applied migration and the summary.
		builder.build().migrate();
	}

	/**
	 * Creates the folder of a SQLite file that does not exist yet ({@code jdbc:sqlite:target/app.db} on a clean
	 * checkout), as the starter does: SQLite creates the file but not its folder.
	 */
	private void createSqliteFolder(String url) throws MojoExecutionException {
		if (!url.startsWith("jdbc:sqlite:") || url.startsWith("jdbc:sqlite::memory:")) {
			return;
		}
		String path = url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "");
		if (path.startsWith("file:")) {
			return;
		}
		Path folder = new File(path).getAbsoluteFile().toPath().getParent();
		if (folder != null && !Files.isDirectory(folder)) {
			try {
				Files.createDirectories(folder);
				getLog().info("Created the folder " + folder + " for the SQLite database");
			}
			catch (java.io.IOException e) {
				throw new MojoExecutionException("Could not create the folder " + folder + " of the SQLite database "
						+ path + ": " + e.getMessage(), e);
			}
		}
	}
}
