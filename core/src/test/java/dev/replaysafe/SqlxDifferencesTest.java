package dev.replaysafe;

import dev.replaysafe.internal.source.Checksum;
import dev.replaysafe.internal.audit.FileAudit;
import dev.replaysafe.internal.sql.SqlScript;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.MigrationDir;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * Where replaysafe matches sqlx (launchbadge/sqlx, sqlx-core/src/migrate) exactly, and where it
 * differs on purpose: the README's "Differences from sqlx" lists each one.
 */
class SqlxDifferencesTest {

	/** sqlx-core/src/migrate/source.rs: {@code let no_tx = sql.starts_with("-- no-transaction");} */
	private static boolean sqlxNoTx(String sql) {
		return sql.startsWith("-- no-transaction");
	}

	@Test
	void noTransactionIsReadExactlyAsSqlxReadsItFromTheStartOfTheFile() {
		Map<String, Boolean> sqlxSpelling = new LinkedHashMap<>();
		sqlxSpelling.put("-- no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (x);", true);
		sqlxSpelling.put("-- no-transaction (needed for CONCURRENTLY)\nCREATE INDEX CONCURRENTLY ix ON t (x);", true);
		sqlxSpelling.put("-- no-transaction\r\nCREATE INDEX CONCURRENTLY ix ON t (x);", true);
		sqlxSpelling.put("--no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (x);", false);
		sqlxSpelling.put(" -- no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (x);", false);
		sqlxSpelling.put("\n-- no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (x);", false);
		sqlxSpelling.put("-- NO-TRANSACTION\nCREATE INDEX CONCURRENTLY ix ON t (x);", false);
		sqlxSpelling.put("-- index\n-- no-transaction\nCREATE INDEX CONCURRENTLY ix ON t (x);", false);
		sqlxSpelling.put("/* no-transaction */\nCREATE INDEX CONCURRENTLY ix ON t (x);", false);

		sqlxSpelling.forEach((text, expected) -> {
			assertThat(sqlxNoTx(text)).as("sqlx: %s", text).isEqualTo(expected);
			assertThat(migration(text).noTransaction()).as(text).isEqualTo(expected);
			assertThat(SqlScript.parse("0001_x.sql", text).hasDirective("no-transaction")).as(text).isEqualTo(expected);
			// replaysafe's own spelling follows the same rule.
			String ours = text.replace("no-transaction", "replaysafe:no-transaction")
				.replace("NO-TRANSACTION", "REPLAYSAFE:NO-TRANSACTION");
			assertThat(migration(ours).noTransaction()).as(ours).isEqualTo(expected);
		});
	}

	@Test
	void aByteOrderMarkBeforeTheDirectiveIsTheOneDeliberateExceptionToSqlxsRule() {
		String text = "\uFEFF-- no-transaction\nCREATE INDEX IF NOT EXISTS ix ON t (x);";

		assertThat(sqlxNoTx(text)).isFalse();
		assertThat(migration(text).noTransaction()).isTrue();
		assertThat(FileAudit.up(SqlScript.parse("0001_x.sql", text))).isEmpty();
	}

	@Test
	void theAuditAcceptsTheDirectivesTheEngineHonoursAndFlagsTheOnesItIgnores() {
		assertThat(FileAudit.up(SqlScript.parse("0001_x.sql", "-- no-transaction (needed for CONCURRENTLY)\n"
				+ "CREATE INDEX IF NOT EXISTS ix ON t (x);"))).isEmpty();
		assertThat(FileAudit.up(SqlScript.parse("0001_x.sql", "-- replaysafe:no-transaction, for the index below\n"
				+ "CREATE INDEX IF NOT EXISTS ix ON t (x);"))).isEmpty();

		for (String ignored : new String[] { "--no-transaction", " -- no-transaction", "-- No-Transaction",
				"-- Replaysafe:No-Transaction", "/* no-transaction */" }) {
			assertThat(migration(ignored + "\nCREATE INDEX IF NOT EXISTS ix ON t (x);").noTransaction()).isFalse();
			assertThat(FileAudit.up(SqlScript.parse("0001_x.sql", ignored + "\nCREATE INDEX IF NOT EXISTS ix ON t (x);")))
				.as(ignored)
				.singleElement()
				.satisfies(f -> {
					assertThat(f.rule()).isEqualTo("invalid-directive");
					assertThat(f.line()).isEqualTo(1);
					assertThat(f.message()).contains("ignored and the file would run in a transaction");
				});
		}
	}

	@EachDatabase
	void aCommentedSqlxDirectiveRunsCreateIndexConcurrentlyOutsideATransaction(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (x INT);", "DROP TABLE IF EXISTS t;")
			.migration("0002_index", "-- no-transaction (needed for CONCURRENTLY)\n" + index(db),
					"DROP INDEX IF EXISTS ix_t;");

		MigrateResult result = Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();

		assertThat(result.applied()).hasSize(2);
		assertThat(db.queryLong(db.kind() == TestDatabase.POSTGRES
				? "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_t'"
				: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'ix_t'")).isEqualTo(1);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE version = 2 AND success = TRUE"))
			.isEqualTo(1);
	}

	@EachDatabase
	void aDirectiveSqlxWouldIgnoreIsIgnoredAndTheAuditSaysSoBeforeAnythingRuns(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_t", "CREATE TABLE IF NOT EXISTS t (x INT);", "DROP TABLE IF EXISTS t;")
			.migration("0002_index", "--no-transaction\n" + index(db), "DROP INDEX IF EXISTS ix_t;");

		assertThatThrownBy(() -> Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate())
			.isInstanceOf(MigrationException.class)
			.hasMessageContaining("0002_index.sql:1:1 [invalid-directive]");
		assertThat(db.hasTable("t")).isFalse();

		Migrator warnOnly = Migrator.builder(db.dataSource()).locations(dir.location()).audit(AuditMode.WARN).build();
		if (db.kind() == TestDatabase.POSTGRES) {
			// As with sqlx: the file ran in a transaction, where PostgreSQL refuses CONCURRENTLY.
			assertThatThrownBy(warnOnly::migrate).isInstanceOf(MigrationException.class)
				.hasMessageContaining("0002_index.sql")
				.hasMessageContaining("CREATE INDEX CONCURRENTLY cannot run inside a transaction block");
		}
		else {
			assertThat(warnOnly.migrate().applied()).hasSize(2);
		}
	}

	@EachDatabase
	void aFailedRowWhoseFileIsGoneStopsTheRunAsSqlxDoesUnlessMissingFilesAreIgnored(Db db) throws Exception {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (x INT);", "DROP TABLE IF EXISTS a;");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		try (Connection c = db.connect(); PreparedStatement p = c.prepareStatement("INSERT INTO _sqlx_migrations "
				+ "(version, description, success, checksum, execution_time) VALUES (2, 'gone', FALSE, ?, -1)")) {
			p.setBytes(1, new byte[48]);
			p.executeUpdate();
		}
		dir.migration("0003_c", "CREATE TABLE IF NOT EXISTS c (x INT);", "DROP TABLE IF EXISTS c;");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).build();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
			.hasMessageContaining("migration 2 (gone) is marked failed in _sqlx_migrations and no file has this version")
			.hasMessageContaining("restore the file")
			.hasMessageContaining("DELETE FROM _sqlx_migrations WHERE version = 2")
			.hasMessageContaining("replaysafe.ignore-missing=true");
		assertThat(db.hasTable("c")).isFalse();
		assertThatThrownBy(migrator::validate).isInstanceOf(MigrationException.class)
			.hasMessageContaining("migration 2 (gone) is marked failed");

		Migrator ignoring = Migrator.builder(db.dataSource()).locations(dir.location()).ignoreMissing(true).build();
		assertThat(ignoring.migrate().applied()).extracting(MigrateResult.Applied::version).containsExactly(3L);
		assertThat(ignoring.status()).extracting(s -> s.version() + " " + s.state())
			.containsExactly("1 APPLIED", "2 MISSING_FILE", "3 APPLIED");

		db.execute("DELETE FROM _sqlx_migrations WHERE version = 2");
		assertThat(migrator.migrate().applied()).isEmpty();
	}

	@EachDatabase
	void aFailedRowWithItsFileIsAppliedAgainWhereSqlxRefusesItAsDirty(Db db) {
		MigrationDir dir = MigrationDir.create()
			.migration("0001_a", "CREATE TABLE IF NOT EXISTS a (x INT);", "DROP TABLE IF EXISTS a;");
		Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate();
		db.execute("UPDATE _sqlx_migrations SET success = FALSE WHERE version = 1");
		// sqlx's dirty check (migrate.rs, dirty_version) finds it, and sqlx would stop with MigrateError::Dirty(1).
		assertThat(db.queryLong("SELECT version FROM _sqlx_migrations WHERE success = false ORDER BY version LIMIT 1"))
			.isEqualTo(1);

		assertThat(Migrator.builder(db.dataSource()).locations(dir.location()).build().migrate().applied())
			.extracting(MigrateResult.Applied::version).containsExactly(1L);
		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = false")).isZero();
	}

	@EachDatabase
	void aHistoryWrittenBySqlxIgnoringCarriageReturnsMatchesAndOneIgnoringAllWhitespaceDoesNot(Db db) throws Exception {
		String crlf = "CREATE TABLE IF NOT EXISTS a (x INT);\r\nCREATE INDEX IF NOT EXISTS ix_a ON a (x);\r\n";
		MigrationDir dir = MigrationDir.create().migration("0001_a", crlf, "DROP TABLE IF EXISTS a;");
		Migrator migrator = Migrator.builder(db.dataSource()).locations(dir.location()).build();
		migrator.migrate();

		// sqlx.toml's migrate.ignored-chars hashes the text without those characters (source.rs, checksum_with).
		recordChecksum(db, Checksum.sha384(crlf.replace("\r", "").getBytes(StandardCharsets.UTF_8)));
		assertThat(migrator.migrate().applied()).isEmpty();

		recordChecksum(db, Checksum.sha384(crlf.replaceAll("[ \t\r\n]", "").getBytes(StandardCharsets.UTF_8)));
		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
			.hasMessageContaining("has changed since it was applied");
	}

	private static void recordChecksum(Db db, byte[] checksum) throws Exception {
		try (Connection c = db.connect();
				PreparedStatement p = c.prepareStatement("UPDATE _sqlx_migrations SET checksum = ? WHERE version = 1")) {
			p.setBytes(1, checksum);
			p.executeUpdate();
		}
	}

	private static String index(Db db) {
		return db.kind() == TestDatabase.POSTGRES ? "-- replaysafe:allow postgres-only-syntax this set runs on "
				+ "PostgreSQL only\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_t ON t (x);"
				: "CREATE INDEX IF NOT EXISTS ix_t ON t (x);";
	}

	private static Migration migration(String up) {
		return new Migration(1, "x", SqlFile.of("0001_x.sql", up), SqlFile.of("0001_x.down.sql", "SELECT 1;"));
	}
}
