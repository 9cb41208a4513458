package dev.replaysafe.sample;

import java.util.List;
import java.util.Map;

import dev.replaysafe.autoconfigure.MigrationRollback;
import dev.replaysafe.autoconfigure.MigrationVerifier;
import dev.replaysafe.testing.TestDatabase.Db;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application as users meet it, under a production profile: REST endpoints,
 * {@code /actuator/migrations}, health, and no way to run downs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("prod")
abstract class SampleApplicationTests extends HttpTestSupport {

	static Db db;

	@Autowired
	ApplicationContext context;

	@AfterAll
	static void drop() {
		db.close();
	}

	abstract String product();

	@Test
	void theMigrationsEndpointReportsTheReferenceSchemaApplied() {
		Response response = get("/actuator/migrations");
		assertThat(response.status()).isEqualTo(200);
		Map<String, Object> report = response.map();
		assertThat(report).containsKeys("database", "table", "currentVersion", "pending", "rollbackAvailable",
				"migrations", "findings");
		assertThat((List<?>) report.get("findings")).as("the reference schema passes the audit")
			.noneMatch(f -> "ERROR".equals(((Map<?, ?>) f).get("severity")) && ((Map<?, ?>) f).get("waived") == null);
		assertThat((String) report.get("database")).startsWith(product() + " ");
		assertThat(report).containsEntry("table", "_sqlx_migrations")
			.containsEntry("pending", 0)
			.containsEntry("rollbackAvailable", false);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> migrations = (List<Map<String, Object>>) report.get("migrations");
		assertThat(migrations).hasSizeGreaterThanOrEqualTo(9).allSatisfy(m -> {
			assertThat(m).containsKeys("version", "description", "state", "checksum", "installedOn", "executionTimeMs",
					"hasDown", "script");
			assertThat(m).containsEntry("state", "APPLIED").containsEntry("hasDown", true);
		});
		assertThat(report.get("currentVersion")).isEqualTo(migrations.get(migrations.size() - 1).get("version"));
	}

	@Test
	void oneMigrationByVersionAnd404ForAnUnknownOne() {
		Response one = get("/actuator/migrations/3");
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.map()).containsEntry("version", 3)
			.containsEntry("description", "create documents")
			.containsEntry("state", "APPLIED");
		assertThat(get("/actuator/migrations/424242").status()).isEqualTo(404);
	}

	@Test
	void theEndpointNeverShowsTheUrlOrCredentials() {
		String body = get("/actuator/migrations").body() + get("/actuator/migrations/1").body();
		assertThat(body).doesNotContain("jdbc:").doesNotContain(db.url()).doesNotContainIgnoringCase("password");
		String database = db.url().replaceFirst("^jdbc:[a-z]+:(//[^/]+/)?", "").replaceFirst("\\?.*$", "");
		assertThat(body).doesNotContain(database);
	}

	@Test
	void healthIsUpWithTheMigrationsIndicator() {
		Response health = get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.map()).containsEntry("status", "UP");
		assertThat(get("/actuator/health/migrations").map()).containsEntry("status", "UP");
	}

	@Test
	void metricsCountTheMigrationsAppliedAtStart() {
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		int files = ((List<?>) get("/actuator/migrations").map().get("migrations")).size();
		assertThat(registry.get("replaysafe.migrations.applied").timer().count()).isEqualTo(files);
		assertThat(registry.get("replaysafe.migrations.pending").gauge().value()).isZero();
		assertThat(registry.get("replaysafe.migrations.current.version").gauge().value()).isEqualTo(files);
	}

	@Test
	void productionHasNoRollbackPath() {
		assertThat(post("/actuator/migrations", "{\"targetVersion\": 0}").status()).isEqualTo(405);
		assertThat(this.context.getBeanNamesForType(MigrationRollback.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(MigrationVerifier.class)).isEmpty();
		assertThat(get("/actuator/migrations").map()).containsEntry("pending", 0);
	}

	@Test
	void workspacesAndDocumentsOverTheMigratedSchema() {
		assertThat(get("/workspaces").list()).extracting(w -> w.get("slug")).contains("default");

		Response created = post("/workspaces", "{\"slug\": \"acme-" + product().toLowerCase() + "\", \"name\": \"Acme\"}");
		assertThat(created.status()).isEqualTo(201);
		String id = (String) created.map().get("id");
		assertThat(get("/workspaces/" + id).map()).containsEntry("name", "Acme");
		assertThat(post("/workspaces", "{\"slug\": \"acme-" + product().toLowerCase() + "\", \"name\": \"Again\"}")
			.status()).isEqualTo(409);
		assertThat(post("/workspaces", "{\"name\": \"No slug\"}").status()).isEqualTo(400);

		Response document = post("/workspaces/" + id + "/documents", "{\"title\": \"Plan\", \"body\": \"Ship it\"}");
		assertThat(document.status()).isEqualTo(201);
		assertThat(document.map()).containsEntry("status", "draft").containsEntry("workspaceId", id);
		String documentId = (String) document.map().get("id");
		assertThat(get("/documents/" + documentId).map()).containsEntry("title", "Plan");
		assertThat(get("/workspaces/" + id + "/documents").list()).extracting(d -> d.get("id")).containsExactly(documentId);

		assertThat(get("/workspaces/nope").status()).isEqualTo(404);
		assertThat(get("/documents/nope").status()).isEqualTo(404);
		assertThat(post("/workspaces/nope/documents", "{\"title\": \"x\"}").status()).isEqualTo(404);
	}

}
