package dev.replaysafe.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.Migration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The static audit of a migration set: no database. */
@Command(name = "audit", mixinStandardHelpOptions = true,
		description = { "Audits every up and down file for replay safety and portability, without a database.",
				"Prints file:line:column [rule] message. Fix: ... per finding; exits 1 when an error is not waived "
						+ "(warnings and waived findings exit 0)." })
final class AuditCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(arity = "1..*", paramLabel = "LOCATION",
			description = "Folders of migration files (a plain path, or classpath:path).")
	List<String> locations;

	@Option(names = "--format", paramLabel = "FORMAT",
			description = "text, json or sarif (SARIF 2.1.0, for code scanning) (default: text).")
	FindingFormat format = FindingFormat.TEXT;

	@Option(names = "--base-dir", paramLabel = "DIR",
			description = "The folder file names in json and sarif are relative to (default: the current directory).")
	Path baseDir = Path.of("");

	@Override
	public Integer call() {
		List<Migration> migrations = Migration.load(Locations.of(locations), getClass().getClassLoader());
		List<Finding> findings = Audit.of(migrations);
		spec.commandLine().getOut().print(format.write(findings, baseDir));
		spec.commandLine().getOut().flush();
		return findings.stream().anyMatch(Finding::blocks) ? 1 : 0;
	}
}
