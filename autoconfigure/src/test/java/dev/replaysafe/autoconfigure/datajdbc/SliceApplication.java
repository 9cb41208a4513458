package dev.replaysafe.autoconfigure.datajdbc;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.relational.core.mapping.event.BeforeConvertCallback;

/**
 * The application a {@code @DataJdbcTest} here finds (it searches upwards from the test's package):
 * its package holds the repository, and the migrations are the reference schema's
 * ({@code replaysafe-migrations}, test scope).
 */
@SpringBootApplication
class SliceApplication {

	/**
	 * The reference schema's ids are UUIDs the application generates: a new workspace has no id when
	 * saved (so Spring Data inserts it) and gets one here, the way Spring Data JDBC documents it.
	 */
	@Bean
	BeforeConvertCallback<Workspace> newWorkspaceIds() {
		return workspace -> workspace.id() != null ? workspace
				: new Workspace(UUID.randomUUID().toString(), workspace.slug(), workspace.name(),
						workspace.createdAt() != null ? workspace.createdAt()
								: LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
	}

}
