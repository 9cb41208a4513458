package dev.replaysafe.sample;

import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @JdbcTest} slice (Boot 4: {@code spring-boot-starter-jdbc-test}) on the real database,
 * {@code @AutoConfigureTestDatabase(replace = NONE)}: the migrations run before the slice's beans,
 * as in the full application.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class JdbcSliceTests {

	static Db db;

	@Autowired
	JdbcTemplate jdbc;

	@AfterAll
	static void drop() {
		db.close();
	}

	@Test
	void theMigrationsRanOnTheRealDatabaseBeforeTheSlicesBeans() {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM _sqlx_migrations WHERE success", Long.class))
			.isEqualTo(9);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM workspaces", Long.class)).isNotNull();
		assertThat(db.hasTable("tags")).as("on the database the test named, not an embedded one").isTrue();
	}

}
