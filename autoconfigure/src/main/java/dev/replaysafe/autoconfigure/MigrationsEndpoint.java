package dev.replaysafe.autoconfigure;

import java.time.Instant;
import java.util.List;

import dev.replaysafe.Finding;
import dev.replaysafe.MigrationStatus;
import dev.replaysafe.Migrator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@code /actuator/migrations}: the database's migrations and where each stands. Read only; the
 * rollback operation is a separate web extension that exists under dev and test profiles only
 * ({@link MigrationsRollbackWebExtension}).
 *
 * <p>The JSON shape is owned by the small descriptor records below, copied from the engine's
 * objects. The database is described by product name and version only: never by its URL, which
 * may carry credentials.
 */
@Endpoint(id = "migrations")
public class MigrationsEndpoint {

	private final Migrator migrator;

	private final ObjectProvider<MigrationRollback> rollback;

	private final MigrationDrift drift;

	public MigrationsEndpoint(Migrator migrator, ObjectProvider<MigrationRollback> rollback) {
		this(migrator, rollback, null);
	}

	/**
	 * @param migrator the engine
	 * @param rollback the rollback service, present under dev and test profiles
	 * @param drift the start's drift check, whose last result is shown; may be null
	 */
	public MigrationsEndpoint(Migrator migrator, ObjectProvider<MigrationRollback> rollback, MigrationDrift drift) {
		this.migrator = migrator;
		this.rollback = rollback;
		this.drift = drift;
	}

	/**
	 * Every migration, from the files and the history table. The findings come from the engine's
	 * audit, which lexes each file once per checksum in the process: repeated (and concurrent)
	 * reads cost a look-up per file, not a lexing.
	 */
	@ReadOperation
	public MigrationsDescriptor migrations() {
		List<MigrationStatus> status = this.migrator.status();
		return new MigrationsDescriptor(this.migrator.databaseDescription(), this.migrator.table(),
				this.migrator.locations(), currentVersion(status),
				(int) status.stream().filter(s -> s.state() == MigrationStatus.State.PENDING).count(),
				this.rollback.getIfAvailable() != null, status.stream().map(MigrationDescriptor::of).toList(),
				this.migrator.audit().stream().map(FindingDescriptor::of).toList(),
				DriftDescriptor.of(this.drift));
	}

	/** One migration; null (HTTP 404) when neither a file nor the history has this version. */
	@ReadOperation
	public MigrationDescriptor migration(@Selector long version) {
		return this.migrator.status()
			.stream()
			.filter(s -> s.version() == version)
			.findFirst()
			.map(MigrationDescriptor::of)
			.orElse(null);
	}

	/** The highest version recorded as successfully applied, null for an empty history. */
	static Long currentVersion(List<MigrationStatus> status) {
		return status.stream()
			.filter(s -> s.state() != MigrationStatus.State.PENDING && s.state() != MigrationStatus.State.FAILED)
			.map(MigrationStatus::version)
			.max(Long::compare)
			.orElse(null);
	}

	/**
	 * The endpoint's answer.
	 *
	 * @param database product name and version, as the JDBC driver reports them
	 * @param table the history table
	 * @param locations where the migration files are read from
	 * @param currentVersion the highest applied version, null when none is
	 * @param pending how many migrations are not applied yet
	 * @param rollbackAvailable whether {@code POST /actuator/migrations} is available (dev/test)
	 * @param migrations every migration in version order
	 * @param findings what the static audit finds in every file (ups and downs, applied or not),
	 * waived ones included
	 * @param drift the last drift check ({@code replaysafe.drift-check}), null when none ran
	 */
	public record MigrationsDescriptor(String database, String table, List<String> locations, Long currentVersion,
			int pending, boolean rollbackAvailable, List<MigrationDescriptor> migrations,
			List<FindingDescriptor> findings, DriftDescriptor drift) {
	}

	/**
	 * The last drift check.
	 *
	 * @param mode WARN or FAIL ({@code replaysafe.drift-check})
	 * @param checkedAt when it ran
	 * @param drifted whether the live schema differs from what the migrations build
	 * @param differences one line per difference, each naming the object, expected and live
	 * @param error why the check could not run (the right or setting that is missing), null when it ran
	 */
	public record DriftDescriptor(String mode, Instant checkedAt, boolean drifted, List<String> differences,
			String error) {

		static DriftDescriptor of(MigrationDrift drift) {
			MigrationDrift.Result last = (drift != null) ? drift.last() : null;
			if (last == null) {
				return null;
			}
			return new DriftDescriptor(drift.mode().name(), last.checkedAt(), last.drifted(),
					(last.report() != null) ? last.report().differences() : List.of(), last.error());
		}

	}

	/**
	 * One audit finding.
	 *
	 * @param file the file
	 * @param line 1-based line
	 * @param column 1-based column
	 * @param rule the rule's id, the one a {@code -- replaysafe:allow <rule-id> <reason>} waiver names
	 * @param severity ERROR (stops a run in audit mode FAIL unless waived) or WARNING
	 * @param message what is wrong
	 * @param fix how to write it instead
	 * @param waived the waiver's reason, null when not waived
	 */
	public record FindingDescriptor(String file, int line, int column, String rule, String severity, String message,
			String fix, String waived) {

		static FindingDescriptor of(Finding f) {
			return new FindingDescriptor(f.file(), f.line(), f.column(), f.rule(), f.severity().name(), f.message(),
					f.fix(), f.waived());
		}

	}

	/**
	 * One migration.
	 *
	 * @param version its version
	 * @param description its description
	 * @param state APPLIED, PENDING, FAILED, CHECKSUM_MISMATCH, MISSING_FILE, FUTURE or BASELINE (recorded
	 * without being run, by {@code replaysafe.baseline-version})
	 * @param checksum hex SHA-384 of the up file (of the history row when the file is missing)
	 * @param installedOn when it was applied, null if it is not
	 * @param executionTimeMs how long it took to apply, null if it is not applied
	 * @param hasDown whether its down file exists
	 * @param script the up file ({@code db/migrations/0001_init.sql}, as Flyway's endpoint names it), null when no
	 * file has the version
	 */
	public record MigrationDescriptor(long version, String description, String state, String checksum,
			Instant installedOn, Long executionTimeMs, boolean hasDown, String script) {

		static MigrationDescriptor of(MigrationStatus s) {
			return new MigrationDescriptor(s.version(), s.description(), s.state().name(), s.checksum(),
					s.installedOn(), s.executionTimeMs(), s.hasDown(), s.script());
		}

	}

}
