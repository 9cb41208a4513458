package dev.replaysafe.internal.dialect;

import dev.replaysafe.MigrationException;
import dev.replaysafe.ScratchDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.replaysafe.JdbcDataSource;
import dev.replaysafe.ScratchDatabases.Scratch;

/** The implementations behind {@link ScratchDatabases}' factories. */
public final class ScratchSupport {

	/** How to configure scratch databases for PostgreSQL, for error messages. */
	public static final String HOW_TO_CONFIGURE = "give the server's URL and credentials: Migrator.Builder.scratchDatabases("
			+ "ScratchDatabases.postgres(url, user, password)), or in Spring Boot spring.datasource.url/username/password "
			+ "(or a @ServiceConnection) instead of a DataSource bean of your own";

	private ScratchSupport() {
	}

	/** A scratch database with its drop action. */
	public record Simple(DataSource dataSource, Runnable drop) implements Scratch {

		@Override
		public void close() {
			drop.run();
		}
	}

	/** The PostgreSQL implementation, kept out of the interface's surface. */
	public static final class PostgresScratch {

		public static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(.*)$");

		private static final AtomicInteger counter = new AtomicInteger();

		private PostgresScratch() {
		}

		public static Scratch create(DataSource live, String server, String parameters, String username, String password) {
			String name = "replaysafe_scratch_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
			try (Connection c = live.getConnection(); Statement s = c.createStatement()) {
				boolean autoCommit = c.getAutoCommit();
				c.setAutoCommit(true);
				try {
					s.execute("CREATE DATABASE " + name);
				}
				finally {
					c.setAutoCommit(autoCommit);
				}
			}
			catch (SQLException e) {
				String right = "42501".equals(e.getSQLState())
						? "the application's database role " + role(live) + " lacks the right CREATEDB; grant it "
								+ "(ALTER ROLE " + role(live) + " CREATEDB)"
						: "the server refused it";
				throw new MigrationException("Could not create a scratch PostgreSQL database (CREATE DATABASE " + name
						+ "): " + right + ". The database said: " + firstLine(e.getMessage()), e);
			}
			DataSource dataSource = JdbcDataSource.of(server + name + parameters, username, password);
			return new Simple(dataSource, () -> drop(live, name));
		}

		/**
		 * Drops a scratch database. FORCE ends the verifier's own sessions, but not an autovacuum
		 * worker that just started on the fresh database (ending it needs a superuser: "must be a
		 * member of the role whose process is being terminated"), so that case is tried again for
		 * up to 5 s, until the worker is done.
		 */
		private static void drop(DataSource live, String name) {
			for (int attempt = 1;; attempt++) {
				try (Connection c = live.getConnection(); Statement s = c.createStatement()) {
					c.setAutoCommit(true);
					s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
					return;
				}
				catch (SQLException e) {
					boolean busy = "42501".equals(e.getSQLState()) || "55006".equals(e.getSQLState());
					if (!busy || attempt == 50) {
						throw new MigrationException("Could not drop the scratch PostgreSQL database " + name
								+ "; drop it by hand (DROP DATABASE " + name + " WITH (FORCE)): "
								+ firstLine(e.getMessage()), e);
					}
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new MigrationException("Interrupted while dropping the scratch PostgreSQL database " + name
							+ "; drop it by hand (DROP DATABASE " + name + " WITH (FORCE))", e);
				}
			}
		}

		private static String role(DataSource live) {
			try (Connection c = live.getConnection(); Statement s = c.createStatement();
					var rs = s.executeQuery("SELECT current_user")) {
				return rs.next() ? rs.getString(1) : "?";
			}
			catch (SQLException e) {
				return "?";
			}
		}

		private static String firstLine(String message) {
			String m = String.valueOf(message).strip();
			int nl = m.indexOf('\n');
			return nl < 0 ? m : m.substring(0, nl);
		}
	}
}
