package dev.replaysafe.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import org.sqlite.Function;
import org.sqlite.SQLiteDataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.replaysafe.MigrateResult;
import dev.replaysafe.MigrationException;
import dev.replaysafe.GroupMode;
import dev.replaysafe.Migrator;

/**
 * An application start in its own JVM, for the multi-process tests: {@code MigrateMain <jdbc-url>
 * <locations, comma-separated> <lock-timeout-ms> [crash-tag]}.
 *
 * <p>It reads its files and opens one connection, prints {@code READY}, waits for a line on stdin
 * (so that many processes start migrating at the same moment), migrates, and prints one line
 * {@code RESULT ok applied=1,2 current=2} or {@code RESULT error <message on one line>}. The engine's
 * log goes to the same output at INFO, so the parent sees "Waiting up to ...".
 *
 * <p>On SQLite it defines {@code pg_sleep(seconds)} as a Java function, so the same slow migrations
 * run on both databases. With a crash tag, the statement containing the literal
 * {@code 'crash:<tag>'} is not run: the process prints {@code AT <tag>} and hangs there, in the
 * middle of its migration, for the parent to kill it. With the tag {@code trace} it prints
 * {@code AT <tag>} at every crash point and goes on.
 */
public final class MigrateMain {

	/** The crash tag that stops nowhere but reports every crash point passed. */
	static final String TRACE = "trace";

	/** The prefix of a crash tag whose run groups the empty database's first run (the default), as applications do. */
	static final String GROUPED = "grouped-";

	private static final Pattern CRASH_POINT = Pattern.compile("'crash:([^']+)'");

	private MigrateMain() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger("dev.replaysafe")).setLevel(Level.INFO);
		String url = args[0];
		String crashTag = args.length > 3 ? args[3] : null;
		// A crash test checks what one migration's transaction leaves, so it runs one per transaction; its grouped
		// variant ("grouped-<tag>") checks the first run in one transaction, the default on an empty database.
		boolean grouped = crashTag == null || crashTag.startsWith(GROUPED);
		if (crashTag != null && grouped) {
			crashTag = crashTag.substring(GROUPED.length());
		}
		DataSource dataSource = dataSource(url, crashTag);
		Migrator migrator = Migrator.builder(dataSource).locations(List.of(args[1].split(",")))
			.lockTimeout(Duration.ofMillis(Long.parseLong(args[2])))
			.group(grouped ? GroupMode.EMPTY : GroupMode.NEVER).build();
		migrator.migrations();
		try (Connection c = dataSource.getConnection()) {
			c.getMetaData();
		}
		System.out.println("READY");
		System.out.flush();
		new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
		int status;
		try {
			MigrateResult result = migrator.migrate();
			System.out.println("RESULT ok applied=" + result.applied().stream().map(a -> String.valueOf(a.version()))
				.collect(Collectors.joining(",")) + " current=" + result.currentVersion());
			status = 0;
		}
		catch (MigrationException e) {
			System.out.println("RESULT error " + e.getMessage().replace('\n', ' '));
			status = 1;
		}
		System.out.flush();
		System.exit(status);
	}

	private static DataSource dataSource(String url, String crashTag) {
		if (url.startsWith("jdbc:postgresql:")) {
			PGSimpleDataSource ds = new PGSimpleDataSource();
			ds.setURL(url);
			return crashTag == null ? ds : new CrashingDataSource(ds, crashTag);
		}
		SQLiteDataSource ds = new SQLiteDataSource() {
			@Override
			public Connection getConnection() throws SQLException {
				Connection c = super.getConnection();
				Function.create(c, "pg_sleep", new Function() {
					@Override
					protected void xFunc() throws SQLException {
						try {
							Thread.sleep((long) (value_double(0) * 1000));
						}
						catch (InterruptedException e) {
							Thread.currentThread().interrupt();
						}
						result();
					}
				});
				return c;
			}
		};
		ds.setUrl(url);
		return crashTag == null ? ds : new CrashingDataSource(ds, crashTag);
	}

	/** Hands out connections whose statements stop the process at the crash point. */
	private static final class CrashingDataSource implements DataSource {

		private final DataSource target;
		private final String tag;

		CrashingDataSource(DataSource target, String tag) {
			this.target = target;
			this.tag = tag;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public PrintWriter getLogWriter() throws SQLException {
			return target.getLogWriter();
		}

		@Override
		public void setLogWriter(PrintWriter out) throws SQLException {
			target.setLogWriter(out);
		}

		@Override
		public void setLoginTimeout(int seconds) throws SQLException {
			target.setLoginTimeout(seconds);
		}

		@Override
		public int getLoginTimeout() throws SQLException {
			return target.getLoginTimeout();
		}

		@Override
		public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
			return target.getParentLogger();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return target.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return target.isWrapperFor(type);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection c = target.getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
					forward(c, (proxy, method, args) -> {
						Object result = method.invoke(c, args);
						return result instanceof Statement s && method.getName().equals("createStatement")
								? statement(s) : result;
					}));
		}

		private Statement statement(Statement s) {
			return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
					forward(s, (proxy, method, args) -> {
						Matcher point = args != null && args[0] instanceof String sql ? CRASH_POINT.matcher(sql) : null;
						if (method.getName().startsWith("execute") && point != null && point.find()
								&& (tag.equals(TRACE) || tag.equals(point.group(1)))) {
							System.out.println("AT " + point.group(1));
							System.out.flush();
							if (!tag.equals(TRACE)) {
								Thread.sleep(Long.MAX_VALUE);
							}
						}
						return method.invoke(s, args);
					}));
		}

		private static InvocationHandler forward(Object target, InvocationHandler handler) {
			return (proxy, method, args) -> {
				try {
					return handler.invoke(proxy, method, args);
				}
				catch (InvocationTargetException e) {
					throw e.getCause();
				}
			};
		}
	}
}
