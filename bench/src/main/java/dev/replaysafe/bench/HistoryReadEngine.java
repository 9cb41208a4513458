package dev.replaysafe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The warm floor: the least any tool that keeps a history must do at a start with nothing pending.
 * It lists the set's folder, reads every up and takes its SHA-384 (how an applied file that changed
 * is told), opens one connection, reads the history's versions and checksums and compares them. No
 * lock, no down, no log line, no validation of names or contents: a lower bound, not a tool. On a
 * database without the history (the warm case's preparation run) it applies the set with
 * replaysafe, so that there is one to read.
 */
final class HistoryReadEngine {

	private HistoryReadEngine() {
	}

	static void migrate(Database db, MigrationSet set) throws Exception {
		List<Path> ups;
		try (Stream<Path> files = Files.list(set.replaysafe())) {
			ups = files.filter(p -> !p.getFileName().toString().endsWith(".down.sql")).toList();
		}
		Map<Long, byte[]> checksums = new HashMap<>();
		MessageDigest sha384 = MessageDigest.getInstance("SHA-384");
		for (Path up : ups) {
			String name = up.getFileName().toString();
			checksums.put(Long.parseLong(name.substring(0, name.indexOf('_'))), sha384.digest(Files.readAllBytes(up)));
		}
		try (Connection c = db.connect(); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery("SELECT version, checksum FROM _sqlx_migrations")) {
			int matched = 0;
			while (rs.next()) {
				if (!Arrays.equals(checksums.get(rs.getLong(1)), rs.getBytes(2))) {
					throw new IllegalStateException("version " + rs.getLong(1) + " changed");
				}
				matched++;
			}
			if (matched != checksums.size()) {
				throw new IllegalStateException(matched + " of " + checksums.size() + " applied");
			}
		}
		catch (SQLException noHistoryYet) {
			ReplaysafeEngine.migrate(db, set);
		}
	}
}
