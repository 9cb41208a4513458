package dev.replaysafe.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.replaysafe.ScratchDatabases;
import dev.replaysafe.VerificationReport;
import dev.replaysafe.Verifier;

/**
 * Proves on scratch databases what the files promise (the engine's {@code Verifier}): every up can run
 * twice (replay check) and every down returns the schema to where its up found it (down round-trip check).
 * Each check gets its own fresh database: a temporary SQLite file by default; with a PostgreSQL {@code url}
 * a database created on that server ({@code CREATE DATABASE}, so the role needs {@code CREATEDB}) and
 * dropped afterwards. The database at {@code url} itself is not changed. Fails the build when a check fails,
 * with its report (the step, the file, the difference and the fix).
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractDatabaseMojo {

	/**
	 * The audit mode of the checks' runs: {@code fail} (an audit finding fails the first step), {@code warn}
	 * or {@code off}, to prove files the audit would reject.
	 */
	@Parameter(property = "replaysafe.audit", defaultValue = "fail")
	private String audit;

	@Override
	String goal() {
		return "verify";
	}

	@Override
	void run() throws MojoExecutionException, MojoFailureException {
		JdbcDrivers.loadDrivers();
		ScratchDatabases scratches;
		DataSource server = null;
		if (url == null || url.isBlank()) {
			scratches = ScratchDatabases.sqlite();
		}
		else {
			scratches = ScratchDatabases.forUrl(url.strip(), user, password);
			if (scratches == null) {
				throw new MojoExecutionException("The replaysafe:verify goal makes its scratch databases on SQLite (no "
						+ "url) or on a PostgreSQL server (url jdbc:postgresql://host:port/database), not on "
						+ JdbcDrivers.withoutParameters(url));
			}
			server = dataSource(url.strip());
		}
		List<String> failed = new ArrayList<>();
		check(scratches, server, Verifier::verifyReplay, failed);
		check(scratches, server, Verifier::verifyDownRoundTrip, failed);
		if (!failed.isEmpty()) {
			throw new MojoFailureException(String.join("\n", failed));
		}
	}

	private void check(ScratchDatabases scratches, DataSource server, Function<Verifier, VerificationReport> check,
			List<String> failed) throws MojoExecutionException {
		try (ScratchDatabases.Scratch scratch = scratches.create(server)) {
			VerificationReport report = check.apply(Verifier.of(migrator(scratch.dataSource()).audit(auditMode(audit)).build()));
			for (String line : report.text().split("\n")) {
				if (report.passed()) {
					getLog().info(line);
				}
				else {
					getLog().error(line);
				}
			}
			if (!report.passed()) {
				failed.add(report.text());
			}
		}
	}
}
