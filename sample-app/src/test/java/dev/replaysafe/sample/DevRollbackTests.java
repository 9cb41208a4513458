package dev.replaysafe.sample;

import java.util.List;
import java.util.Map;

import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Under the dev profile, {@code POST /actuator/migrations} runs the downs. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
abstract class DevRollbackTests extends HttpTestSupport {

	static Db db;

	@AfterAll
	static void drop() {
		db.close();
	}

	@Test
	void theDevProfileChecksDriftAtStartAndTheReferenceSchemaHasNone() {
		Map<String, Object> report = get("/actuator/migrations").map();
		@SuppressWarnings("unchecked")
		Map<String, Object> drift = (Map<String, Object>) report.get("drift");
		assertThat(drift).containsEntry("mode", "WARN").containsEntry("drifted", false).containsEntry("error", null);
	}

	@Test
	void postRollsBackToTheTargetVersionNewestFirst() {
		Map<String, Object> before = get("/actuator/migrations").map();
		assertThat(before).containsEntry("rollbackAvailable", true).containsEntry("pending", 0);
		int current = (Integer) before.get("currentVersion");

		Response rollback = post("/actuator/migrations", "{\"targetVersion\": 5}");
		assertThat(rollback.status()).isEqualTo(200);
		Map<String, Object> result = rollback.map();
		assertThat(result).containsEntry("targetVersion", 5).containsEntry("currentVersion", 5);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> reverted = (List<Map<String, Object>>) result.get("reverted");
		assertThat(reverted).extracting(r -> (Integer) r.get("version"))
			.isSortedAccordingTo((a, b) -> b - a)
			.hasSize(current - 5)
			.allMatch(v -> v > 5);
		assertThat(db.hasTable("tags")).isFalse();
		assertThat(db.hasTable("documents")).isTrue();

		Map<String, Object> after = get("/actuator/migrations").map();
		assertThat(after).containsEntry("currentVersion", 5).containsEntry("pending", current - 5);
		assertThat(get("/actuator/migrations/9").map()).containsEntry("state", "PENDING");
		Response health = get("/actuator/health/migrations");
		assertThat(health.status()).isEqualTo(503);
		assertThat(health.map()).containsEntry("status", "DOWN");

		assertThat(post("/actuator/migrations", "{\"targetVersion\": -1}").status()).isEqualTo(400);
		assertThat(post("/actuator/migrations", "{}").status()).isEqualTo(400);
		assertThat(post("/actuator/migrations", "{\"targetVersion\": 0}").map()).containsEntry("currentVersion", null);
		assertThat(db.hasTable("workspaces")).isFalse();
	}

}
