package dev.replaysafe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.replaysafe.ScratchDatabases;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The databases every engine test runs on. Each {@link #create()} gives a fresh, empty database:
 * a new SQLite file, or a new PostgreSQL database on the server named by
 * {@code POSTGRES_TEST_URL} (scripts/with-postgres starts one) or, where a Docker engine runs,
 * a Testcontainers PostgreSQL. With neither, PostgreSQL tests fail: they never skip.
 */
public enum TestDatabase {

	SQLITE, POSTGRES;

	private static final AtomicInteger counter = new AtomicInteger();

	/** A fresh empty database; close it to drop it. */
	public Db create() {
		try {
			return this == SQLITE ? sqlite() : postgres();
		}
		catch (SQLException | IOException e) {
			throw new IllegalStateException("Could not create a " + this + " test database: " + e.getMessage(), e);
		}
	}

	private static Db sqlite() throws IOException {
		Path dir = Files.createTempDirectory("replaysafe-sqlite");
		Path file = dir.resolve("test.db");
		String url = "jdbc:sqlite:" + file;
		SQLiteDataSource ds = new SQLiteDataSource();
		ds.setUrl(url);
		return new Db(SQLITE, url, ds, () -> {
			try (var files = Files.walk(dir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private static Db postgres() throws SQLException {
		String server = PostgresServer.url();
		String name = "rs_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
		try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		String url = withDatabase(server, name);
		PGSimpleDataSource ds = new PGSimpleDataSource();
		ds.setURL(url);
		return new Db(POSTGRES, url, ds, () -> drop(server, name));
	}

	/**
	 * Drops a test database. FORCE ends the test's own leftover sessions, but not an autovacuum worker
	 * that just started on the fresh database (ending it needs a superuser: "must be a member of the
	 * role whose process is being terminated"), so that case is tried again until the worker is done.
	 */
	private static void drop(String server, String name) throws SQLException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
				s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
				return;
			}
			catch (SQLException e) {
				boolean busy = "42501".equals(e.getSQLState()) || "55006".equals(e.getSQLState());
				if (!busy || attempt == 50) {
					throw e;
				}
				Thread.sleep(100);
			}
		}
	}

	/** {@code url} with its database name replaced. */
	static String withDatabase(String url, String database) {
		return url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
	}

	/** A database made for one test. */
	public record Db(TestDatabase kind, String url, DataSource dataSource, Dropper dropper) implements AutoCloseable {

		public Connection connect() throws SQLException {
			return dataSource.getConnection();
		}

		/** Scratch databases next to this one (on PostgreSQL: on its server, with its URL's credentials). */
		public ScratchDatabases scratchDatabases() {
			return kind == SQLITE ? ScratchDatabases.sqlite() : ScratchDatabases.postgres(url, null, null);
		}

		/** Runs SQL statements, for setting up a case. */
		public void execute(String... sql) {
			try (Connection c = connect(); Statement s = c.createStatement()) {
				for (String each : sql) {
					s.execute(each);
				}
			}
			catch (SQLException e) {
				throw new IllegalStateException(e);
			}
		}

		/** The first column of the first row of {@code sql}, as a long. */
		public long queryLong(String sql) {
			try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
				rs.next();
				return rs.getLong(1);
			}
			catch (SQLException e) {
				throw new IllegalStateException(sql + ": " + e.getMessage(), e);
			}
		}

		/** Whether a table of this name exists. */
		public boolean hasTable(String table) {
			return queryLong(kind == SQLITE
					? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'"
					: "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '"
							+ table + "'") > 0;
		}

		/** Whether {@code table} has a column of this name. */
		public boolean hasColumn(String table, String column) {
			return queryLong(kind == SQLITE
					? "SELECT count(*) FROM pragma_table_xinfo('" + table + "') WHERE hidden <> 1 AND name = '" + column + "'"
					: "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
							+ "AND table_name = '" + table + "' AND column_name = '" + column + "'") > 0;
		}

		@Override
		public void close() {
			try {
				dropper.drop();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		}
	}

	@FunctionalInterface
	public interface Dropper {
		void drop() throws Exception;
	}
}
