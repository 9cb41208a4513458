package dev.replaysafe;

import dev.replaysafe.internal.dialect.PostgresDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;

/**
 * Runs {@code run} while another connection holds the run lock (PostgreSQL's advisory lock, SQLite's
 * write lock), releasing it once {@code run} is seen waiting for it: so {@code run} goes through the
 * engine's lock wait.
 */
final class LockWait {

	private LockWait() {
	}

	static <T> T through(Db db, Callable<T> run) throws Exception {
		Logger logger = (Logger) LoggerFactory.getLogger(Migrator.class);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		Level level = logger.getLevel();
		logger.setLevel(Level.INFO);
		logger.addAppender(logs);
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try (Connection holder = db.connect(); Statement s = holder.createStatement()) {
			if (db.kind() == TestDatabase.POSTGRES) {
				s.execute("SELECT pg_advisory_lock(" + lockId(db) + ")");
			}
			else {
				s.execute("BEGIN IMMEDIATE");
			}
			Future<T> result = thread.submit(run);
			while (!result.isDone() && !waiting(db, s, logs)) {
				Thread.sleep(10);
			}
			if (db.kind() == TestDatabase.POSTGRES) {
				s.execute("SELECT pg_advisory_unlock(" + lockId(db) + ")");
			}
			else {
				// SQLite's wait cannot be seen from outside: give it time to block in BEGIN IMMEDIATE.
				Thread.sleep(300);
				s.execute("COMMIT");
			}
			return result.get();
		}
		finally {
			thread.shutdownNow();
			logger.detachAppender(logs);
			logger.setLevel(level);
		}
	}

	private static boolean waiting(Db db, Statement s, ListAppender<ILoggingEvent> logs) throws Exception {
		if (db.kind() == TestDatabase.POSTGRES) {
			try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
				return rs.next() && rs.getLong(1) > 0;
			}
		}
		return logs.list.stream().anyMatch(e -> e.getFormattedMessage().startsWith("Waiting up to"));
	}

	static long lockId(Db db) {
		return PostgresDialect.lockId(db.url().replaceAll(".*/([^?]+).*", "$1"));
	}
}
