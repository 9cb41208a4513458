package dev.replaysafe.autoconfigure;

import java.time.Duration;
import java.util.List;

import dev.replaysafe.Migrator;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReplaysafePropertiesTest {

	@Test
	void defaultsAreTheEnginesDefaults() {
		ReplaysafeProperties properties = new ReplaysafeProperties();
		Migrator engine = Migrator.builder(new SQLiteDataSource()).build();
		assertThat(properties.getLocations()).isEqualTo(engine.locations());
		assertThat(properties.getTable()).isEqualTo(engine.table());
		assertThat(properties.getAudit()).isEqualTo(engine.auditMode());
		assertThat(properties.getLockTimeout()).isEqualTo(engine.lockTimeout());
		assertThat(properties.isValidateChecksums()).isEqualTo(engine.validateChecksums());
		assertThat(properties.isIgnoreMissing()).isEqualTo(engine.ignoreMissing());
		assertThat(properties.isIgnoreFuture()).isEqualTo(engine.ignoreFuture()).isTrue();
		assertThat(properties.getBaselineVersion()).isEqualTo(engine.baselineVersion()).isNull();
		assertThat(properties.getDriftCheck()).isEqualTo(DriftCheckMode.OFF);
		assertThat(properties.getGroup()).isEqualTo(engine.group()).isEqualTo(dev.replaysafe.GroupMode.EMPTY);
	}

	@Test
	void defaultsBuildTheSameEngineAsTheBuilderAlone() {
		Migrator configured = new ReplaysafeProperties().configure(Migrator.builder(new SQLiteDataSource())).build();
		Migrator plain = Migrator.builder(new SQLiteDataSource()).build();
		assertThat(List.of(configured.locations(), configured.table(), configured.auditMode(), configured.lockTimeout(),
				configured.validateChecksums(), configured.ignoreMissing()))
			.isEqualTo(List.of(plain.locations(), plain.table(), plain.auditMode(), plain.lockTimeout(),
					plain.validateChecksums(), plain.ignoreMissing()));
	}

	@Test
	void rollbackProfilesDefaultToDevAndTest() {
		assertThat(new ReplaysafeProperties().getRollbackProfiles()).containsExactly("dev", "test");
	}

	@Test
	void rollbackProfilesAcceptDevAndTestNames() {
		ReplaysafeProperties properties = new ReplaysafeProperties();
		properties.setRollbackProfiles(List.of("test", "dev-local", "test_pg"));
		assertThat(properties.getRollbackProfiles()).containsExactly("test", "dev-local", "test_pg");
	}

	@Test
	void rollbackProfilesRejectAnyOtherName() {
		ReplaysafeProperties properties = new ReplaysafeProperties();
		for (String profile : List.of("prod", "production", "staging", "default", "devops", "latest")) {
			assertThatIllegalArgumentException().isThrownBy(() -> properties.setRollbackProfiles(List.of("dev", profile)))
				.withMessageContaining("[" + profile + "]")
				.withMessageContaining("never reachable in production");
		}
		assertThat(properties.getRollbackProfiles()).containsExactly("dev", "test");
	}

	@Test
	void propertiesReachTheEngine() {
		ReplaysafeProperties properties = new ReplaysafeProperties();
		properties.setLocations(List.of("filesystem:/tmp/x"));
		properties.setTable("app.history");
		properties.setLockTimeout(Duration.ofSeconds(7));
		properties.setValidateChecksums(false);
		properties.setIgnoreMissing(true);
		properties.setAudit(dev.replaysafe.AuditMode.WARN);
		properties.setGroup(dev.replaysafe.GroupMode.NEVER);
		Migrator engine = properties.configure(Migrator.builder(new SQLiteDataSource())).build();
		assertThat(engine.locations()).containsExactly("filesystem:/tmp/x");
		assertThat(engine.table()).isEqualTo("app.history");
		assertThat(engine.lockTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(engine.validateChecksums()).isFalse();
		assertThat(engine.ignoreMissing()).isTrue();
		assertThat(engine.auditMode()).isEqualTo(dev.replaysafe.AuditMode.WARN);
		assertThat(engine.group()).isEqualTo(dev.replaysafe.GroupMode.NEVER);
	}

}
