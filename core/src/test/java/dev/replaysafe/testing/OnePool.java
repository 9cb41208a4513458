package dev.replaysafe.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.replaysafe.testing.TestDatabase.Db;

/**
 * A real HikariCP pool of exactly one connection, so that the application's next connection is
 * the one the engine used. Its connectionInitSql gives that connection a state of its own:
 * lock_timeout 5s, the role and a custom app.tenant set on PostgreSQL, busy_timeout 4321 ms (and foreign keys on) on SQLite.
 */
public final class OnePool {

	private OnePool() {
	}

	public static HikariDataSource of(Db db) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(db.url());
		config.setMaximumPoolSize(1);
		config.setMinimumIdle(1);
		// A connection the engine failed to give back fails the test instead of hanging it.
		config.setConnectionTimeout(10_000);
		if (db.kind() == TestDatabase.POSTGRES) {
			config.setConnectionInitSql("SET lock_timeout = '5s'; SET ROLE " + user(db) + "; SET app.tenant = 'pool'");
		}
		else {
			config.setConnectionInitSql("PRAGMA busy_timeout = 4321");
			config.addDataSourceProperty("foreign_keys", "true");
		}
		return new HikariDataSource(config);
	}

	/** The PostgreSQL user of the test database's URL. */
	public static String user(Db db) {
		return db.url().replaceAll(".*[?&]user=([^&]+).*", "$1");
	}
}
