package dev.replaysafe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary folder of migration files, for tests that need their own set. */
public final class MigrationDir {

	private final Path dir;

	private MigrationDir(Path dir) {
		this.dir = dir;
	}

	public static MigrationDir create() {
		try {
			return new MigrationDir(Files.createTempDirectory("replaysafe-migrations"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Writes {@code name} with {@code sql} (UTF-8); replaces an existing file. */
	public MigrationDir file(String name, String sql) {
		return bytes(name, sql.getBytes(StandardCharsets.UTF_8));
	}

	public MigrationDir bytes(String name, byte[] content) {
		try {
			Files.createDirectories(dir.resolve(name).getParent());
			Files.write(dir.resolve(name), content);
			return this;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** An up and its down. */
	public MigrationDir migration(String stem, String up, String down) {
		return file(stem + ".sql", up).file(stem + ".down.sql", down);
	}

	public MigrationDir delete(String name) {
		try {
			Files.deleteIfExists(dir.resolve(name));
			return this;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public Path path() {
		return dir;
	}

	/** The {@code filesystem:} location of this folder. */
	public String location() {
		return "filesystem:" + dir;
	}
}
