package dev.replaysafe.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

import dev.replaysafe.AuditMode;
import dev.replaysafe.MigrationException;
import dev.replaysafe.MigrationStatus;

/** How the goals read their parameters, report engine errors and show the status; the goals themselves run in src/it. */
class ParametersTest {

	@Test
	void aLockTimeoutIsReadAsTheStartersDurationsAre() throws Exception {
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "1h")).isEqualTo(Duration.ofHours(1));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "2d")).isEqualTo(Duration.ofDays(2));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "250")).isEqualTo(Duration.ofMillis(250));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", " PT5M ")).isEqualTo(Duration.ofMinutes(5));
		assertThat(AbstractDatabaseMojo.duration("lockTimeout", "0")).isEqualTo(Duration.ZERO);
	}

	@Test
	void aLockTimeoutThatIsNoDurationIsAConfigurationErrorNamingTheParameter() {
		for (String bad : List.of("five minutes", "5 weeks", "-1s", "PT", "99999999999999999999s")) {
			assertThatThrownBy(() -> AbstractDatabaseMojo.duration("lockTimeout (replaysafe.lock-timeout)", bad))
				.isInstanceOf(MojoExecutionException.class)
				.hasMessage("lockTimeout (replaysafe.lock-timeout) is '" + bad + "', which is no duration; write it as "
						+ "30s, 5m, 1h, 500ms or ISO-8601 (PT5M)");
		}
	}

	@Test
	void theAuditModeIsReadInAnyCaseAndAnythingElseIsRefusedListingTheModes() throws Exception {
		assertThat(AbstractDatabaseMojo.auditMode("warn")).isEqualTo(AuditMode.WARN);
		assertThat(AbstractDatabaseMojo.auditMode("FAIL")).isEqualTo(AuditMode.FAIL);
		assertThat(AbstractDatabaseMojo.auditMode("Off")).isEqualTo(AuditMode.OFF);
		assertThatThrownBy(() -> AbstractDatabaseMojo.auditMode("strict"))
			.isInstanceOf(MojoExecutionException.class)
			.hasMessage("audit (replaysafe.audit) is 'strict'; it must be fail (findings stop the run before anything "
					+ "executes), warn (log them) or off");
	}

	@Test
	void anEngineErrorFailsTheBuildWithItsMessageAndARefusedSettingIsAConfigurationError() {
		MigrationException failed = new MigrationException(MigrationException.Kind.MIGRATION_FAILED,
				"Migration 10 failed at db/migrations/0010_add_notes.sql:3: no such column: missing_column");
		assertThatThrownBy(() -> throwing(failed).execute()).isInstanceOf(MojoFailureException.class)
			.hasMessage(failed.getMessage())
			.hasCause(failed);
		MigrationException refused = new MigrationException(MigrationException.Kind.CONFIGURATION,
				"The lock timeout PT720H is out of range (replaysafe.lock-timeout, Migrator.Builder.lockTimeout)");
		assertThatThrownBy(() -> throwing(refused).execute()).isInstanceOf(MojoExecutionException.class)
			.hasMessage(refused.getMessage())
			.hasCause(refused);
	}

	private static AbstractReplaysafeMojo throwing(MigrationException e) {
		return new AbstractReplaysafeMojo() {
			@Override
			void run() {
				throw e;
			}
		};
	}

	@Test
	void theStatusTableAlignsItsColumnsAndShowsWhenEachMigrationWasInstalledInUtc() {
		List<String> table = InfoMojo.table(List.of(
				new MigrationStatus(1, "create workspaces", MigrationStatus.State.APPLIED, "ab",
						Instant.parse("2026-12-02T00:17:01.5Z"), 12L, true, "db/migrations/0001_create_workspaces.sql"),
				new MigrationStatus(10, "add notes", MigrationStatus.State.PENDING, "cd", null, null, true,
						"db/migrations/0010_add_notes.sql")));
		assertThat(table).containsExactly(
				"Version  Description        State    Installed on",
				"1        create workspaces  APPLIED  2026-12-02 00:17:01",
				"10       add notes          PENDING");
	}

	@Test
	void anEmptySetSaysSoUnderTheHeader() {
		assertThat(InfoMojo.table(List.of())).containsExactly("Version  Description  State  Installed on",
				"(no migrations)");
	}
}
