package dev.replaysafe.internal.audit.rules;

import static dev.replaysafe.internal.audit.rules.Audited.up;
import static org.assertj.core.api.Assertions.assertThat;

import dev.replaysafe.Audit.Rule;

import org.junit.jupiter.api.Test;

/** {@code timestamp-not-portable}: the exact findings it makes, and forms it must let through. */
class TimestampNotPortableTest {

	@Test
	void timeTypesThatMeanAnInstantOnOneDatabaseAreFlagged() {
		assertThat(up(Rule.TIMESTAMP_NOT_PORTABLE, "CREATE TABLE IF NOT EXISTS t (a TIMESTAMPTZ, b TIMESTAMP WITH TIME ZONE, c DATETIME);")).containsExactly(
				"0001_x.sql:1:33 [timestamp-not-portable] TIMESTAMPTZ means an instant on PostgreSQL and plain text on SQLite. Fix: TIMESTAMP with DEFAULT CURRENT_TIMESTAMP (run the application in UTC), or ISO-8601 text the application writes",
				"0001_x.sql:1:58 [timestamp-not-portable] WITH TIME ZONE means an instant on PostgreSQL and plain text on SQLite. Fix: TIMESTAMP with DEFAULT CURRENT_TIMESTAMP (run the application in UTC), or ISO-8601 text the application writes",
				"0001_x.sql:1:76 [timestamp-not-portable] DATETIME is not a PostgreSQL type. Fix: TIMESTAMP with DEFAULT CURRENT_TIMESTAMP (run the application in UTC), or ISO-8601 text the application writes");
	}

	@Test
	void aPlainTimestampAndADatetimeCallAreNotThisRule() {
		assertThat(up(Rule.TIMESTAMP_NOT_PORTABLE, "CREATE TABLE IF NOT EXISTS t (a TIMESTAMP DEFAULT CURRENT_TIMESTAMP);\nUPDATE t SET a = datetime('now') WHERE a IS NULL;")).isEmpty();
	}
}
