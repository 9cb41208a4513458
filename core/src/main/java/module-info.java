/**
 * replaysafe's engine. Only {@code dev.replaysafe} is exported: the {@code dev.replaysafe.internal}
 * packages (lexer, dialects, schema snapshots, history, file source, audit rules) may change in
 * any release. On the class path, where most applications run, the same rule is kept by the
 * architecture tests.
 */
module dev.replaysafe {
	requires transitive java.sql;
	requires org.slf4j;

	exports dev.replaysafe;
}
