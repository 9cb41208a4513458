package dev.replaysafe.sample;

import java.util.Map;

import dev.replaysafe.autoconfigure.MigrationRollback;
import dev.replaysafe.autoconfigure.MigrationVerifier;
import dev.replaysafe.testing.TestDatabase.Db;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started with {@code prod,dev} (a production start that carries a dev profile, as it
 * reverted 9..6 before): the POST is refused and nothing is reverted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "prod", "dev" })
abstract class ProdWithDevProfileTests extends HttpTestSupport {

	static Db db;

	@Autowired
	ApplicationContext context;

	@AfterAll
	static void drop() {
		db.close();
	}

	@Test
	void aDevProfileNextToProdGivesNoRollbackPath() {
		assertThat(this.context.getEnvironment().getActiveProfiles()).containsExactly("prod", "dev");
		assertThat(post("/actuator/migrations", "{\"targetVersion\": 5}").status()).isEqualTo(405);
		assertThat(this.context.getBeanNamesForType(MigrationRollback.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(MigrationVerifier.class)).isEmpty();
		Map<String, Object> report = get("/actuator/migrations").map();
		assertThat(report.get("currentVersion")).isEqualTo(9);
		assertThat(report.get("rollbackAvailable")).isEqualTo(false);
		assertThat(db.hasTable("tags")).as("nothing was reverted").isTrue();
	}
}
