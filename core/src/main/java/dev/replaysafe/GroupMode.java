package dev.replaysafe;

/**
 * Whether a run applies its pending migrations in one transaction ({@code replaysafe.group},
 * {@link Migrator.Builder#group}). One transaction pays one commit instead of one per migration
 * (on SQLite each commit is a few fsyncs), and a failure anywhere rolls every migration of the
 * group back, so the database is left as it was before the group.
 *
 * <p>Files that must run on their own cannot share a transaction: a {@code -- replaysafe:no-transaction}
 * file on PostgreSQL, and on SQLite a file that drops a table while foreign keys are on (it runs with
 * them off, which SQLite allows only outside a transaction). Each such file runs on its own and splits
 * the group in two: the migrations before it are committed before it runs. On PostgreSQL a group whose
 * estimated locks exceed half of the server's lock table ({@code max_locks_per_transaction} times
 * {@code max_connections + max_prepared_transactions}) runs each migration in its own transaction
 * instead, and the run says so in a log line.
 */
public enum GroupMode {
	/**
	 * Group when the database is empty: no history table and no user objects (a first deploy, a test
	 * database, a verifier's scratch database). A failure leaves it empty, without a history table. The default.
	 */
	EMPTY,
	/** Each migration in its own transaction with its history row: a failure keeps the migrations before it. */
	NEVER,
	/**
	 * Group every run's pending migrations, on an empty database or not: a failure leaves the database
	 * as it was before the run (the migrations applied by earlier runs stay).
	 */
	ALWAYS
}
