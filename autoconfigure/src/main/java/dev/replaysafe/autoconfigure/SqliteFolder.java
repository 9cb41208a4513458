package dev.replaysafe.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.replaysafe.MigrationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * SQLite creates its database file but not the folder around it: {@code jdbc:sqlite:data/app.db}
 * fails the first start with {@code [SQLITE_CANTOPEN] Unable to open the database file} when
 * {@code data} does not exist. The starter creates that folder before the first connection.
 */
final class SqliteFolder {

	private static final Log log = LogFactory.getLog(SqliteFolder.class);

	private SqliteFolder() {
	}

	/** The database file a {@code jdbc:sqlite:} URL names, or null (another database, in-memory, empty). */
	static Path file(String url) {
		if (url == null || !url.startsWith("jdbc:sqlite:")) {
			return null;
		}
		String rest = url.substring("jdbc:sqlite:".length());
		int query = rest.indexOf('?');
		String parameters = query < 0 ? "" : rest.substring(query + 1);
		String path = (query < 0 ? rest : rest.substring(0, query)).replaceFirst("^file:", "");
		if (path.isEmpty() || path.startsWith(":memory:") || parameters.contains("mode=memory")
				|| path.startsWith(":resource:")) {
			return null;
		}
		return Path.of(path);
	}

	/** Creates the folder of the SQLite file {@code url} names, if it is missing (logged). */
	static void create(String url) {
		Path file = file(url);
		Path folder = (file != null) ? file.toAbsolutePath().getParent() : null;
		if (folder == null || Files.isDirectory(folder)) {
			return;
		}
		try {
			Files.createDirectories(folder);
			log.info("Created the folder " + folder + " for the SQLite database " + file);
		}
		catch (IOException ex) {
			throw new MigrationException("Could not create the folder " + folder + " of the SQLite database in "
					+ "spring.datasource.url (" + url + "): " + ex.getMessage() + "; create it, or point the URL at a "
					+ "writable folder", ex);
		}
	}

}
