package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code sqlite-only-function}: the exact findings it makes, and forms it must let through. */
class SqliteOnlyFunctionTest {

	@Test
	void sqliteFunctionCallsAreFlaggedWithAFixForEach() {
		assertThat(up(Rule.SQLITE_ONLY_FUNCTION, "UPDATE t SET d = datetime('now'), n = ifnull(n, 0) WHERE d IS NULL;")).containsExactly(
				"0001_x.sql:1:18 [sqlite-only-function] datetime() is a SQLite function; PostgreSQL has none by that name. Fix: CURRENT_TIMESTAMP, CURRENT_DATE or CURRENT_TIME, or a value the application computes",
				"0001_x.sql:1:39 [sqlite-only-function] ifnull() is a SQLite function; PostgreSQL has none by that name. Fix: CURRENT_TIMESTAMP or CURRENT_DATE, or compute the value in the application");
	}

	@Test
	void typesNamedLikeTheFunctionsAreNotCalls() {
		assertThat(up(Rule.SQLITE_ONLY_FUNCTION, "CREATE TABLE IF NOT EXISTS t (d DATE, at TIME(3));\nUPDATE t SET d = CAST(x AS DATE) WHERE d IS NULL;")).isEmpty();
	}
}
