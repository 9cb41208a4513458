package dev.replaysafe.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import dev.replaysafe.Migration;
import dev.replaysafe.MigrationException;

/** What every goal shares: the migration files, skipping, and how an engine error reaches Maven. */
abstract class AbstractReplaysafeMojo extends AbstractMojo {

	/** The default location, relative to the project's folder: where the starter reads from on the class path. */
	static final String DEFAULT_LOCATION = "src/main/resources/db/migrations";

	/**
	 * The folders holding the migration files ({@code NNNN_name.sql} and {@code NNNN_name.down.sql}); several
	 * form one set. Filesystem paths, relative to the project's folder. Default: the project's
	 * {@code src/main/resources/db/migrations}, where the starter finds them on the class path.
	 */
	@Parameter
	private List<File> locations;

	/** Skips the goal. */
	@Parameter(property = "replaysafe.skip", defaultValue = "false")
	private boolean skip;

	@Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
	private File basedir;

	@Override
	public final void execute() throws MojoExecutionException, MojoFailureException {
		if (skip) {
			getLog().info("Skipping (replaysafe.skip)");
			return;
		}
		try {
			run();
		}
		catch (MigrationException e) {
			// The engine's message names the file, the line and the fix: it is shown as it is.
			if (e.kind() == MigrationException.Kind.CONFIGURATION) {
				throw new MojoExecutionException(e.getMessage(), e);
			}
			throw new MojoFailureException(e.getMessage(), e);
		}
	}

	abstract void run() throws MojoExecutionException, MojoFailureException;

	/** The folders of the files, absolute. */
	List<Path> folders() {
		List<File> folders = locations == null || locations.isEmpty() ? List.of(new File(DEFAULT_LOCATION)) : locations;
		return folders.stream()
			.map(f -> (f.isAbsolute() ? f : new File(basedir, f.getPath())).toPath().toAbsolutePath().normalize())
			.toList();
	}

	/** The locations as the engine reads them ({@code filesystem:/abs/path}). */
	List<String> locations() {
		return folders().stream().map(p -> "filesystem:" + p).toList();
	}

	/** Reads and validates the migration files, without a database. */
	List<Migration> migrations() {
		return Migration.load(locations(), getClass().getClassLoader());
	}
}
