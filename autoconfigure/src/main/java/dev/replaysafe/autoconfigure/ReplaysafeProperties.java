package dev.replaysafe.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.replaysafe.Audit;
import dev.replaysafe.AuditMode;
import dev.replaysafe.GroupMode;
import dev.replaysafe.Migrator;
import dev.replaysafe.Verifier;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of replaysafe ({@code replaysafe.*}). Defaults are the engine's own, so an
 * application that sets nothing behaves as {@code Migrator.builder(dataSource).build()}.
 */
@ConfigurationProperties("replaysafe")
public class ReplaysafeProperties {

	/** The profiles that may enable rollbacks when no {@code replaysafe.rollback-profiles} is set. */
	static final List<String> DEFAULT_ROLLBACK_PROFILES = List.of("dev", "test");

	/**
	 * Whether to run migrations at start and expose them (engine bean, endpoint, health, metrics).
	 */
	private boolean enabled = true;

	/**
	 * JDBC URL of the database to migrate, when migrations run with other credentials than the
	 * application (spring.datasource.url by default). Connections are opened per use, not pooled:
	 * none stays open after the start.
	 */
	private String url;

	/**
	 * Login user for migrations (for example the schema owner), when the application runs with a
	 * role that cannot change the schema. With no replaysafe.url, it logs in to spring.datasource.url.
	 */
	private String user;

	/**
	 * Login password of replaysafe.user.
	 */
	private String password;

	/**
	 * Where the migration files are: "classpath:path" (folders and jars) or "filesystem:/path".
	 * Several locations form one set; a version may appear in only one of them.
	 */
	private List<String> locations = new ArrayList<>(List.of(Migrator.DEFAULT_LOCATION));

	/**
	 * Where MigrationVerifier reads fixtures: NNNN_description.sql files, each loaded right after
	 * up NNNN on its scratch database, so that the replay and the downs run over rows. The default
	 * location may be absent; another one must exist.
	 */
	private List<String> fixtureLocations = new ArrayList<>(List.of(Verifier.DEFAULT_FIXTURE_LOCATION));

	/**
	 * History table, "[schema.]name". The default is sqlx's table, so a database migrated by sqlx
	 * is recognised.
	 */
	private String table = Migrator.DEFAULT_TABLE;

	/**
	 * What a run does with static audit findings on the files it is about to apply: FAIL stops
	 * before anything executes, WARN logs them, OFF skips the audit.
	 */
	private AuditMode audit = AuditMode.FAIL;

	/**
	 * The databases the migrations must run on: sqlite, postgresql, or both (the default). With
	 * one alone the audit's portability rules are off (no waiver needed for now() on PostgreSQL);
	 * its replay rules stay on.
	 */
	private Set<Audit.Database> databases = EnumSet.copyOf(Audit.BOTH);

	/**
	 * Whether an applied migration whose up file has changed stops the run.
	 */
	private boolean validateChecksums = true;

	/**
	 * How long a run waits for another instance's run (the lock) before it fails.
	 */
	private Duration lockTimeout = Migrator.DEFAULT_LOCK_TIMEOUT;

	/**
	 * Whether versions applied in the database but without a file are tolerated instead of
	 * stopping the run.
	 */
	private boolean ignoreMissing = false;

	/**
	 * Whether versions applied in the database above every file of this build are tolerated (the
	 * start succeeds with a warning, health stays UP with a detail): a newer build migrated the
	 * database, as in a rolling deploy or a rolled-back release. False stops the start instead.
	 */
	private boolean ignoreFuture = true;

	/**
	 * Profiles under which rollbacks (down files) are available: the rollback service, the POST
	 * operation of the migrations endpoint and the migration verifier. Only names of development
	 * and test profiles are accepted ("dev", "test", "dev-*", "test-*"), so no property can make
	 * downs reachable in production.
	 */
	private List<String> rollbackProfiles = new ArrayList<>(DEFAULT_ROLLBACK_PROFILES);

	/**
	 * Whether to compare, after migrating at start, the live schema with what the migrations build
	 * on a scratch database of the same kind (on PostgreSQL: created on the application's server,
	 * which needs CREATEDB and spring.datasource.*): OFF, WARN logs each difference, FAIL fails the
	 * start listing them (and health is DOWN on drift).
	 */
	private DriftCheckMode driftCheck = DriftCheckMode.OFF;

	/**
	 * Whether a run applies its pending migrations in one transaction, with their history rows: EMPTY
	 * (the default) when the database is empty (a first deploy, a test database), so that one commit
	 * replaces one per migration and a failure leaves the database empty, without a history table;
	 * NEVER, each migration in its own transaction; ALWAYS, every run's pending migrations. Files that
	 * must run on their own (no-transaction on PostgreSQL, a table drop with foreign keys on on SQLite)
	 * split the group; on PostgreSQL a group over half of the lock table runs migration by migration.
	 */
	private GroupMode group = Migrator.DEFAULT_GROUP;

	/**
	 * Adopts a database built by another tool: when the start finds user tables but no history rows,
	 * the migrations up to this version are recorded as applied without running them (state
	 * BASELINE), and the rest are applied. Ignored once the history has rows, and on an empty schema.
	 */
	private Long baselineVersion;

	public String getUrl() {
		return this.url;
	}

	public void setUrl(String url) {
		this.url = url;
	}

	public String getUser() {
		return this.user;
	}

	public void setUser(String user) {
		this.user = user;
	}

	public String getPassword() {
		return this.password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public List<String> getFixtureLocations() {
		return this.fixtureLocations;
	}

	public void setFixtureLocations(List<String> fixtureLocations) {
		this.fixtureLocations = fixtureLocations;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public AuditMode getAudit() {
		return this.audit;
	}

	public void setAudit(AuditMode audit) {
		this.audit = audit;
	}

	public Set<Audit.Database> getDatabases() {
		return this.databases;
	}

	public void setDatabases(Set<Audit.Database> databases) {
		this.databases = databases;
	}

	public boolean isValidateChecksums() {
		return this.validateChecksums;
	}

	public void setValidateChecksums(boolean validateChecksums) {
		this.validateChecksums = validateChecksums;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public boolean isIgnoreMissing() {
		return this.ignoreMissing;
	}

	public void setIgnoreMissing(boolean ignoreMissing) {
		this.ignoreMissing = ignoreMissing;
	}

	public boolean isIgnoreFuture() {
		return this.ignoreFuture;
	}

	public void setIgnoreFuture(boolean ignoreFuture) {
		this.ignoreFuture = ignoreFuture;
	}

	public List<String> getRollbackProfiles() {
		return this.rollbackProfiles;
	}

	/** Rejects any name that is not a development or test profile (see {@link RollbackProfiles}). */
	public void setRollbackProfiles(List<String> rollbackProfiles) {
		RollbackProfiles.requireDevOrTest(rollbackProfiles);
		this.rollbackProfiles = rollbackProfiles;
	}

	public DriftCheckMode getDriftCheck() {
		return this.driftCheck;
	}

	public void setDriftCheck(DriftCheckMode driftCheck) {
		this.driftCheck = driftCheck;
	}

	public GroupMode getGroup() {
		return this.group;
	}

	public void setGroup(GroupMode group) {
		this.group = group;
	}

	public Long getBaselineVersion() {
		return this.baselineVersion;
	}

	/** Rejects a negative version, naming the property. */
	public void setBaselineVersion(Long baselineVersion) {
		if (baselineVersion != null && baselineVersion < 0) {
			throw new IllegalArgumentException("replaysafe.baseline-version=" + baselineVersion + " is negative; set it "
					+ "to the version of the last migration the existing schema already contains (0 or more), or "
					+ "remove it");
		}
		this.baselineVersion = baselineVersion;
	}

	/** The engine these properties describe: the one place where properties meet the core. */
	Migrator.Builder configure(Migrator.Builder builder) {
		builder.locations(this.locations)
			.table(this.table)
			.audit(this.audit)
			.databases(this.databases.toArray(Audit.Database[]::new))
			.validateChecksums(this.validateChecksums)
			.lockTimeout(this.lockTimeout)
			.ignoreMissing(this.ignoreMissing)
			.ignoreFuture(this.ignoreFuture)
			.group(this.group);
		if (this.baselineVersion != null) {
			builder.baselineVersion(this.baselineVersion);
		}
		return builder;
	}

}
