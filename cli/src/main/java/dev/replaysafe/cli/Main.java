package dev.replaysafe.cli;

import java.io.PrintWriter;
import java.util.Map;

import dev.replaysafe.MigrationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code replaysafe} command. Exit codes: 0 clean, 1 findings or a failure, 2 a usage or
 * configuration error. A {@link MigrationException} is shown as its message (it names the file,
 * the line and the fix), never as a stack trace; a password never appears in the output.
 */
@Command(name = "replaysafe", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
		description = "Replay-safe SQL migrations for SQLite and PostgreSQL: audit, verify and apply them.",
		subcommands = { AuditCommand.class, VerifyCommand.class, InfoCommand.class, MigrateCommand.class,
				NewCommand.class, ImportCommand.class, FixCommand.class },
		footer = { "", "Exit codes: 0 clean, 1 findings or a failure, 2 a usage or configuration error.",
				"Rollback is deliberately not a command: production has no rollback path (see 'replaysafe migrate --help')." })
public final class Main implements java.util.concurrent.Callable<Integer> {

	/** The configuration error exit code (picocli's usage errors use it too). */
	static final int CONFIGURATION = CommandLine.ExitCode.USAGE;

	/** The environment variables the connection options fall back to. */
	private static final Map<String, String> ENVIRONMENT_OPTIONS = Map.of("--url", "REPLAYSAFE_URL", "--user",
			"REPLAYSAFE_USER", "--password", "REPLAYSAFE_PASSWORD");

	@CommandLine.Spec
	private CommandLine.Model.CommandSpec spec;

	/** Declared for the help and the parser; read from the arguments before parsing (see {@link #run}). */
	@Option(names = "--verbose", scope = ScopeType.INHERIT,
			description = "Show the engine's log (each migration applied, the audit's waived findings), and the "
					+ "stack trace of an unexpected error; by default only warnings are shown.")
	boolean verbose;

	public static void main(String[] args) {
		System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
	}

	/** Runs the command line with these streams and environment (the tests' entry). */
	static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
		// slf4j-simple reads its level once, when the first logger is made: before anything runs.
		boolean verbose = false;
		for (String arg : args) {
			if (arg.equals("--")) {
				break;
			}
			verbose |= arg.equals("--verbose");
		}
		if (verbose) {
			System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
		}
		return commandLine(out, err, environment, verbose).execute(args);
	}

	static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> environment,
			boolean stackTraces) {
		CommandLine cli = new CommandLine(new Main());
		cli.setOut(out);
		cli.setErr(err);
		cli.setCaseInsensitiveEnumValuesAllowed(true);
		cli.setDefaultValueProvider(arg -> arg instanceof OptionSpec option
				&& ENVIRONMENT_OPTIONS.containsKey(option.longestName())
						? blankToNull(environment.get(ENVIRONMENT_OPTIONS.get(option.longestName())))
						: null);
		cli.setParameterExceptionHandler((e, args) -> {
			CommandLine command = e.getCommandLine();
			command.getErr().println(Secrets.redact(e.getMessage()));
			command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help'.");
			return CONFIGURATION;
		});
		cli.setExecutionExceptionHandler((e, command, parseResult) -> {
			PrintWriter error = command.getErr();
			if (e instanceof MigrationException m) {
				error.println(Secrets.redact(m.getMessage()));
				return m.kind() == MigrationException.Kind.CONFIGURATION ? CONFIGURATION : 1;
			}
			if (e instanceof ConfigurationException) {
				error.println(Secrets.redact(e.getMessage()));
				return CONFIGURATION;
			}
			error.println("replaysafe: " + Secrets.redact(String.valueOf(e)));
			if (stackTraces) {
				e.printStackTrace(error);
			}
			return 1;
		});
		return cli;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	@Override
	public Integer call() {
		// No command given: what there is to run, as a usage error.
		spec.commandLine().getErr().println("Missing a command: audit, verify, info, migrate, new or import.");
		spec.commandLine().usage(spec.commandLine().getErr());
		return CONFIGURATION;
	}

	/** A setting that cannot work: exit code 2, the message as it is. */
	static final class ConfigurationException extends RuntimeException {

		ConfigurationException(String message) {
			super(message);
		}
	}

	/** The version from the jar's manifest. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = Main.class.getPackage().getImplementationVersion();
			return new String[] { "replaysafe " + (version == null ? "(development build)" : version) };
		}
	}
}
