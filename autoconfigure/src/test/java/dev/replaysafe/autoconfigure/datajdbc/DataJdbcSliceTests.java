package dev.replaysafe.autoconfigure.datajdbc;

import java.time.LocalDateTime;

import dev.replaysafe.Migrator;
import dev.replaysafe.testing.TestDatabase;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @DataJdbcTest} slice (Boot 4: {@code spring-boot-starter-data-jdbc-test}) on the real
 * database, {@code @AutoConfigureTestDatabase(replace = NONE)}: the starter's auto-configuration is
 * part of the slice (through {@code @AutoConfigureJdbc}'s {@code @AutoConfigureDataSourceInitialization}),
 * the migrations run while the slice starts, and a Spring Data repository reads and writes the
 * tables they built. Each subclass names its database.
 */
// Flyway and Liquibase are on this module's test class path (for MigrationToolConflictsTest) and are
// part of every data slice: turned off, as an application with both would have to.
@DataJdbcTest(properties = { "spring.flyway.enabled=false", "spring.liquibase.enabled=false" })
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
abstract class DataJdbcSliceTests {

	static final String SEEDED_WORKSPACE = "00000000-0000-0000-0000-000000000001";

	static Db db;

	@Autowired
	ApplicationContext context;

	@Autowired
	WorkspaceRepository workspaces;

	@Autowired
	JdbcTemplate jdbc;

	/** Creates the database the test names and points {@code spring.datasource.url} at it. */
	static void register(TestDatabase kind, DynamicPropertyRegistry registry) {
		db = kind.create();
		registry.add("spring.datasource.url", db::url);
	}

	@AfterAll
	static void drop() {
		if (db != null) { // null when the database could not be made: that failure is the one to see
			db.close();
		}
	}

	@Test
	void theMigrationsRanInsideTheSliceOnTheDatabaseTheTestNamed() {
		assertThat(this.context.getBeanNamesForType(Migrator.class)).as("the starter is part of the slice").hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM _sqlx_migrations WHERE success", Long.class))
			.isEqualTo(9);
		assertThat(db.hasTable("tags")).as("on the database the test named, not an embedded one").isTrue();
	}

	@Test
	void theRepositoryReadsTheRowAMigrationSeeded() {
		Workspace seeded = this.workspaces.findById(SEEDED_WORKSPACE).orElseThrow();
		assertThat(seeded.slug()).isEqualTo("default");
		assertThat(seeded.name()).isEqualTo("Default workspace");
		assertThat(seeded.createdAt()).as("the column's DEFAULT CURRENT_TIMESTAMP, read as a LocalDateTime").isNotNull();
	}

	@Test
	void theRepositoryWritesRowsIntoTheMigratedTables() {
		Workspace acme = this.workspaces.save(Workspace.create("acme", "Acme", LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
		assertThat(acme.id()).hasSize(36);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM workspaces WHERE slug = 'acme' AND created_at "
				+ "BETWEEN '2026-01-02 03:04:04' AND '2026-01-02 03:04:06'", Long.class))
			.as("stored so that SQL compares it with timestamps (on SQLite: CURRENT_TIMESTAMP's text form)")
			.isEqualTo(1);
		assertThat(this.workspaces.findBySlug("acme")).contains(acme);

		this.workspaces.save(new Workspace(acme.id(), "acme", "Acme Corp", acme.createdAt()));
		assertThat(this.workspaces.findById(acme.id())).map(Workspace::name).contains("Acme Corp");

		Page<Workspace> second = this.workspaces.findAll(PageRequest.of(1, 1, Sort.by("slug")));
		assertThat(second.getContent()).extracting(Workspace::slug).containsExactly("default");
		assertThat(second.getTotalElements()).isEqualTo(2);

		this.workspaces.deleteById(acme.id());
		assertThat(this.workspaces.findAll()).extracting(Workspace::id).containsExactly(SEEDED_WORKSPACE);
	}

}
