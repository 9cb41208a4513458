package dev.replaysafe.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jdbc:sqlite:data/app.db} with no {@code data} folder: the first start creates it and migrates. */
class SqliteFolderTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, ReplaysafeAutoConfiguration.class));

	@Test
	void theFirstStartCreatesTheMissingFolderOfTheSqliteFileAndSaysSo(@TempDir Path tmp) {
		Path file = tmp.resolve("data/nested/app.db");
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(SqliteFolder.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		logger.setLevel(ch.qos.logback.classic.Level.INFO);
		try {
			this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + file + "?foreign_keys=true")
				.run(context -> {
					assertThat(context).hasNotFailed();
					assertThat(file).exists();
					assertThat(context.getBean(dev.replaysafe.Migrator.class).status()).isNotEmpty()
						.allMatch(m -> m.state() == dev.replaysafe.MigrationStatus.State.APPLIED);
				});
		}
		finally {
			logger.detachAppender(logged);
			logger.setLevel(null);
		}
		assertThat(logged.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
			.contains("Created the folder " + file.getParent() + " for the SQLite database " + file);
	}

	@Test
	void aFolderThatCannotBeCreatedFailsNamingIt(@TempDir Path tmp) throws Exception {
		Path blocker = Files.writeString(tmp.resolve("data"), "a file where the folder should be");
		this.runner.withPropertyValues("spring.datasource.url=jdbc:sqlite:" + blocker.resolve("app.db"))
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("Could not create the folder")
					.hasStackTraceContaining("create it, or point the URL at a writable folder");
			});
	}

	@Test
	void onlySqliteFileUrlsNameAFile() {
		assertThat(SqliteFolder.file("jdbc:sqlite:data/app.db?foreign_keys=true")).isEqualTo(Path.of("data/app.db"));
		assertThat(SqliteFolder.file("jdbc:sqlite:file:data/app.db")).isEqualTo(Path.of("data/app.db"));
		assertThat(SqliteFolder.file("jdbc:sqlite::memory:")).isNull();
		assertThat(SqliteFolder.file("jdbc:sqlite:file:x?mode=memory&cache=shared")).isNull();
		assertThat(SqliteFolder.file("jdbc:sqlite:")).isNull();
		assertThat(SqliteFolder.file("jdbc:postgresql://localhost/app")).isNull();
	}
}
