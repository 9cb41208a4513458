package dev.replaysafe.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.cli.FindingFormat;

/**
 * Audits every migration file, ups and downs, without a database: each statement must be safe to run
 * twice and run the same on SQLite and PostgreSQL (the rules of the engine's audit). Fails the build on
 * an unwaived error, logging each finding as {@code file:line:column [rule] message. Fix: ...} (errors at
 * ERROR, warnings at WARN, waived findings at INFO).
 */
@Mojo(name = "audit", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class AuditMojo extends AbstractReplaysafeMojo {

	/** Whether an unwaived warning (an {@code UPDATE} without {@code WHERE}, an unused waiver) fails the build too. */
	@Parameter(property = "replaysafe.fail-on-warnings", defaultValue = "false")
	private boolean failOnWarnings;

	/**
	 * Also writes every finding as SARIF 2.1.0 to this file (for code scanning), whether the audit passes or
	 * not; file names in it are relative to the folder Maven was started in. Written by the command line's
	 * code, as {@code replaysafe audit --format sarif} writes it.
	 */
	@Parameter(property = "replaysafe.sarif-file")
	private File sarifFile;

	@Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
	private File executionRoot;

	@Override
	void run() throws MojoExecutionException, MojoFailureException {
		List<Finding> findings = Audit.of(migrations());
		if (sarifFile != null) {
			writeSarif(findings);
		}
		for (Finding f : findings) {
			if (f.blocks()) {
				getLog().error(f.toString());
			}
			else if (f.isWaived()) {
				getLog().info(f.toString());
			}
			else {
				getLog().warn(f.toString());
			}
		}
		long errors = findings.stream().filter(Finding::blocks).count();
		long warnings = findings.stream().filter(f -> !f.isWaived() && f.severity() == Finding.Severity.WARNING).count();
		long waived = findings.stream().filter(Finding::isWaived).count();
		String summary = "Audit of " + folders().stream().map(Path::toString).collect(Collectors.joining(", ")) + ": "
				+ errors + " error(s), " + warnings + " warning(s), " + waived + " waived";
		if (errors > 0 || failOnWarnings && warnings > 0) {
			throw new MojoFailureException(summary + ". Fix each one, or waive it in its file with "
					+ "-- replaysafe:allow <rule-id> <reason>" + (errors == 0 ? " (failOnWarnings is set)" : ""));
		}
		getLog().info(summary);
	}

	private void writeSarif(List<Finding> findings) throws MojoExecutionException {
		Path file = sarifFile.toPath().toAbsolutePath().normalize();
		Path base = (executionRoot == null ? new File("") : executionRoot).toPath();
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, FindingFormat.SARIF.write(findings, base), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new MojoExecutionException("Could not write the SARIF report to " + file + " (sarifFile): " + e, e);
		}
		getLog().info("Wrote " + findings.size() + " finding(s) as SARIF to " + file);
	}
}
