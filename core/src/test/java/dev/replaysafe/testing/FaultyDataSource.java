package dev.replaysafe.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Fault injection around a real DataSource (not a mock: every call reaches the real database):
 * the first {@code Statement.execute} or {@code prepareStatement} whose SQL contains {@code trigger}
 * throws {@code fault} instead of running, as a driver's StackOverflowError or an OutOfMemoryError would.
 */
public final class FaultyDataSource implements DataSource {

	private final DataSource real;
	private final String trigger;
	private final Supplier<? extends Throwable> fault;
	private volatile boolean fired;

	public FaultyDataSource(DataSource real, String trigger, Supplier<? extends Throwable> fault) {
		this.real = real;
		this.trigger = trigger;
		this.fault = fault;
	}

	/** Whether the fault was thrown. */
	public boolean fired() {
		return fired;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return wrap(real.getConnection());
	}

	@Override
	public Connection getConnection(String user, String password) throws SQLException {
		return wrap(real.getConnection(user, password));
	}

	private Connection wrap(Connection c) {
		return proxy(Connection.class, c, (proxy, method, args) -> {
			if (method.getName().equals("prepareStatement")) {
				fire((String) args[0]);
			}
			Object result = invoke(c, method, args);
			return result instanceof Statement s && method.getName().equals("createStatement") ? statement(s) : result;
		});
	}

	private Statement statement(Statement s) {
		return proxy(Statement.class, s, (proxy, method, args) -> {
			if (method.getName().equals("execute") && args != null && args[0] instanceof String sql) {
				fire(sql);
			}
			return invoke(s, method, args);
		});
	}

	private void fire(String sql) throws Throwable {
		if (!fired && sql.contains(trigger)) {
			fired = true;
			throw fault.get();
		}
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
		return (T) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return real.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		real.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		real.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return real.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return real.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return real.unwrap(iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return real.isWrapperFor(iface);
	}
}
