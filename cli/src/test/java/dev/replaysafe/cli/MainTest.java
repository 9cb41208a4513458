package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class MainTest {

	@Test
	void theCommandsAreExactlyThoseOfIssue12AndNoRollback() {
		CommandLine cli = Main.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
				new java.io.PrintWriter(java.io.Writer.nullWriter()), java.util.Map.of(), false);

		assertThat(cli.getSubcommands().keySet()).containsExactly("audit", "verify", "info", "migrate", "new", "import", "fix");
	}

	@Test
	void migratesHelpSaysThatRollbackIsDeliberatelyNotACommand() {
		Cli.Result help = Cli.run("migrate", "--help");

		assertThat(help.exit()).isZero();
		assertThat(help.out()).contains("Rollback is deliberately not a command: production has no rollback path");
		assertThat(Cli.run("rollback").exit()).isEqualTo(2);
	}

	@Test
	void helpListsEveryCommandAndTheExitCodes() {
		Cli.Result help = Cli.run("--help");

		assertThat(help.exit()).isZero();
		assertThat(help.out()).contains("audit", "verify", "info", "migrate", "new", "import")
			.contains("Exit codes: 0 clean, 1 findings or a failure, 2 a usage or configuration error.");
	}
}
