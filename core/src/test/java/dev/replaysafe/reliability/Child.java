package dev.replaysafe.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link MigrateMain} process seen from the test: its output lines as they come, a way to let it
 * start migrating, to kill it with SIGKILL, and to wait for its result. Timeouts are generous: on
 * a loaded two-core machine sixteen JVMs take a while to start.
 */
final class Child implements AutoCloseable {

	static final Duration PATIENCE = Duration.ofMinutes(2);

	private final Process process;
	private final List<String> lines = new ArrayList<>();
	private final String name;
	private final Thread reader;

	private Child(Process process, String name) {
		this.process = process;
		this.name = name;
		this.reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line; (line = in.readLine()) != null;) {
					synchronized (lines) {
						lines.add(line);
						lines.notifyAll();
					}
				}
			}
			catch (IOException e) {
				// The process died: its output ends here.
			}
		}, "output of " + name);
		reader.setDaemon(true);
		reader.start();
	}

	/** Starts {@code MigrateMain url locations lockTimeout [crashTag]} in a new JVM on this test's class path. */
	static Child start(String name, String url, String locations, Duration lockTimeout, String crashTag) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-cp", System.getProperty("java.class.path"),
				MigrateMain.class.getName(), url, locations, String.valueOf(lockTimeout.toMillis())));
		if (crashTag != null) {
			command.add(crashTag);
		}
		try {
			return new Child(new ProcessBuilder(command).redirectErrorStream(true).start(), name);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Waits until a line matches; fails with the output so far if none does in time or the process ends. */
	String awaitLine(Predicate<String> match, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (lines) {
			int seen = 0;
			while (true) {
				for (; seen < lines.size(); seen++) {
					if (match.test(lines.get(seen))) {
						return lines.get(seen);
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || !reader.isAlive() && seen == lines.size()) {
					throw new AssertionError(name + ": expected line not seen" + (process.isAlive() ? "" : " (exited)")
							+ "; output:\n" + String.join("\n", lines));
				}
				lines.wait(Math.min(200, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
			}
		}
	}

	void awaitReady() throws InterruptedException {
		awaitLine("READY"::equals, PATIENCE);
	}

	/** Lets the process start migrating. */
	void go() {
		try {
			Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
			in.write("go\n");
			in.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** SIGKILL, as the kernel's OOM killer or {@code kill -9} would, and waits until the process is gone. */
	void kill() throws InterruptedException {
		process.destroyForcibly();
		process.waitFor(1, TimeUnit.MINUTES);
	}

	/** Waits for the process to end and returns its {@code RESULT} line. */
	String result() throws InterruptedException {
		if (!process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new AssertionError(name + " did not finish; output:\n" + output());
		}
		return awaitLine(l -> l.startsWith("RESULT "), Duration.ofSeconds(10));
	}

	/** The versions the process applied, from its result line. */
	List<Long> applied() throws InterruptedException {
		String result = result();
		String list = result.replaceFirst("^RESULT ok applied=([0-9,]*) .*$", "$1");
		return list.isEmpty() || list.equals(result) ? List.of()
				: java.util.Arrays.stream(list.split(",")).map(Long::valueOf).toList();
	}

	String output() {
		synchronized (lines) {
			return String.join("\n", lines);
		}
	}

	String name() {
		return name;
	}

	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			kill();
		}
	}
}
