package dev.replaysafe.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in this JVM with captured output, as picocli's {@code execute} does for {@code main}. */
final class Cli {

	/** What one run printed and returned. */
	record Result(int exit, String out, String err) {

		/** Both streams, for asserting what must not appear anywhere. */
		String all() {
			return out + err;
		}

		@Override
		public String toString() {
			return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
		}
	}

	private Cli() {
	}

	static Result run(String... args) {
		return run(Map.of(), args);
	}

	static Result run(Map<String, String> environment, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment);
		return new Result(exit, out.toString(), err.toString());
	}
}
