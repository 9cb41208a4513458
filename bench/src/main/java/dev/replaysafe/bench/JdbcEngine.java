package dev.replaysafe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The floor: the same statements over plain JDBC, one migration per transaction, no history, no
 * lock, no checksums. The generated files end each statement with a semicolon at the end of a
 * line, so a split there is enough (no lexer). Warm, it replays every file: with no history there
 * is nothing to tell what was applied.
 */
final class JdbcEngine {

	private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

	private JdbcEngine() {
	}

	static void migrate(Database db, MigrationSet set) throws Exception {
		List<Path> ups;
		try (Stream<Path> files = Files.list(set.replaysafe())) {
			ups = files.filter(p -> !p.getFileName().toString().endsWith(".down.sql")).sorted().toList();
		}
		try (Connection c = db.connect()) {
			c.setAutoCommit(false);
			for (Path up : ups) {
				try (Statement s = c.createStatement()) {
					for (String sql : STATEMENT_END.split(Files.readString(up))) {
						if (!sql.isBlank()) {
							s.execute(sql);
						}
					}
				}
				c.commit();
			}
		}
	}
}
