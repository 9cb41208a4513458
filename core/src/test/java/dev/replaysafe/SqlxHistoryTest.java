package dev.replaysafe;

import dev.replaysafe.internal.sql.SqlScript;
import dev.replaysafe.internal.source.MigrationSource;
import dev.replaysafe.internal.sql.SqlStatement;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.replaysafe.testing.EachDatabase;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/** History written by the Rust sqlx tool is recognised, and ours is what sqlx expects. */
class SqlxHistoryTest {

	/** sqlx's own DDL, copied from sqlx-postgres / sqlx-sqlite (migrate.rs), not from our code. */
	private static String sqlxDdl(TestDatabase kind) {
		return kind == TestDatabase.POSTGRES ? """
				CREATE TABLE IF NOT EXISTS _sqlx_migrations (
				    version BIGINT PRIMARY KEY,
				    description TEXT NOT NULL,
				    installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
				    success BOOLEAN NOT NULL,
				    checksum BYTEA NOT NULL,
				    execution_time BIGINT NOT NULL
				)""" : """
				CREATE TABLE IF NOT EXISTS _sqlx_migrations (
				    version BIGINT PRIMARY KEY,
				    description TEXT NOT NULL,
				    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
				    success BOOLEAN NOT NULL,
				    checksum BLOB NOT NULL,
				    execution_time BIGINT NOT NULL
				)""";
	}

	/** Applies the reference ups and writes history exactly as sqlx does: insert with -1, then update the time. */
	private static void migrateLikeSqlx(Db db, boolean lastFailed) throws Exception {
		List<Migration> migrations = MigrationSource.load(List.of("classpath:db/migrations"),
				SqlxHistoryTest.class.getClassLoader());
		db.execute(sqlxDdl(db.kind()));
		try (Connection c = db.connect()) {
			for (Migration m : migrations) {
				try (Statement s = c.createStatement()) {
					for (SqlStatement st : SqlScript.parse(m.up().location(), m.up().text()).statements()) {
						if (st.sql().startsWith("ALTER TABLE documents ADD COLUMN IF NOT EXISTS")
								&& db.kind() == TestDatabase.SQLITE) {
							s.execute(st.sql().replace("IF NOT EXISTS ", ""));
						}
						else if (!st.sql().contains("DROP COLUMN") || db.kind() == TestDatabase.POSTGRES) {
							s.execute(st.sql());
						}
						else {
							s.execute(st.sql().replace("IF EXISTS ", ""));
						}
					}
				}
				boolean failed = lastFailed && m.version() == migrations.size();
				try (PreparedStatement p = c.prepareStatement("INSERT INTO _sqlx_migrations ( version, description, "
						+ "success, checksum, execution_time ) VALUES ( ?, ?, " + (failed ? "FALSE" : "TRUE") + ", ?, -1 )")) {
					p.setLong(1, m.version());
					p.setString(2, m.description());
					p.setBytes(3, MessageDigest.getInstance("SHA-384").digest(m.up().text().getBytes("UTF-8")));
					p.executeUpdate();
				}
				try (PreparedStatement p = c.prepareStatement(
						"UPDATE _sqlx_migrations SET execution_time = ? WHERE version = ?")) {
					p.setLong(1, 1_234_567L);
					p.setLong(2, m.version());
					p.executeUpdate();
				}
			}
		}
	}

	@EachDatabase
	void aDatabaseMigratedBySqlxIsUpToDate(Db db) throws Exception {
		migrateLikeSqlx(db, false);
		Migrator migrator = Migrator.builder(db.dataSource()).build();

		assertThat(migrator.migrate().applied()).isEmpty();
		assertThat(migrator.status()).hasSize(9).allSatisfy(s -> {
			assertThat(s.state()).isEqualTo(MigrationStatus.State.APPLIED);
			assertThat(s.executionTimeMs()).isEqualTo(1L);
			assertThat(s.installedOn()).isNotNull();
		});
	}

	@EachDatabase
	void aVersionSqlxLeftFailedIsAppliedAgainAndMarkedSuccessful(Db db) throws Exception {
		migrateLikeSqlx(db, true);
		Migrator migrator = Migrator.builder(db.dataSource()).build();
		assertThat(migrator.status().get(8).state()).isEqualTo(MigrationStatus.State.FAILED);

		assertThat(migrator.migrate().applied()).extracting(MigrateResult.Applied::version).containsExactly(9L);

		assertThat(db.queryLong("SELECT count(*) FROM _sqlx_migrations WHERE success = FALSE")).isZero();
		assertThat(db.queryLong("SELECT count(*) FROM tags")).isEqualTo(3);
	}

	@EachDatabase
	void ourRowsAreTheOnesSqlxReads(Db db) throws Exception {
		Migrator.builder(db.dataSource()).build().migrate();
		List<Migration> files = Migrator.builder(db.dataSource()).build().migrations();

		// The queries sqlx runs: its dirty check, then list_applied_migrations.
		assertThat(db.queryLong("SELECT count(*) FROM (SELECT version FROM _sqlx_migrations WHERE success = false "
				+ "ORDER BY version LIMIT 1) d")).isZero();
		List<String> checksums = new ArrayList<>();
		try (Connection c = db.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT version, checksum FROM _sqlx_migrations ORDER BY version")) {
			while (rs.next()) {
				checksums.add(rs.getLong(1) + ":" + SqlFile.hex(rs.getBytes(2)));
			}
		}
		assertThat(checksums).containsExactlyElementsOf(
				files.stream().map(m -> m.version() + ":" + SqlFile.hex(m.checksum())).toList());
		if (db.kind() == TestDatabase.POSTGRES) {
			List<String> types = new ArrayList<>();
			try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
					"SELECT column_name || ' ' || data_type FROM information_schema.columns "
							+ "WHERE table_name = '_sqlx_migrations' ORDER BY ordinal_position")) {
				while (rs.next()) {
					types.add(rs.getString(1));
				}
			}
			assertThat(types).containsExactly("version bigint", "description text",
					"installed_on timestamp with time zone", "success boolean", "checksum bytea", "execution_time bigint");
		}
	}
}
