package dev.replaysafe.bench.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A database the reference client ({@code psql}, {@code sqlite3}) applies migration files to, with a saved
 * state to go back to: the dynamic truth the audit is measured against.
 */
interface ReferenceDatabase extends AutoCloseable {

	/**
	 * The client's verdict on one file.
	 *
	 * @param error what the client printed on failure (null on success)
	 * @param atomic whether the file ran inside one transaction of the client's, so a failure left nothing behind
	 */
	record Applied(String error, boolean atomic) {

		boolean failed() {
			return error != null;
		}
	}

	/** Starts from an empty database. */
	void create() throws Exception;

	/** Applies one file with the reference client, in one transaction where the file allows it. */
	Applied apply(Path file) throws Exception;

	/** Remembers the current state for {@link #restore()}. */
	void save() throws Exception;

	/** Goes back to the state {@link #save()} remembered. */
	void restore() throws Exception;

	/** The current schema and contents. */
	Snapshot snapshot() throws Exception;

	/** Removes every database this object created. */
	@Override
	void close() throws Exception;

	/** Runs a client; null when it exits 0, else its standard error (standard output is query results, dropped). */
	static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().putAll(env);
		Process p = builder.start();
		p.getOutputStream().close();
		String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!p.waitFor(10, TimeUnit.MINUTES)) {
			p.destroyForcibly();
			return "timed out: " + String.join(" ", command);
		}
		return p.exitValue() == 0 ? null : err.isBlank() ? "exit " + p.exitValue() : err.strip();
	}
}
