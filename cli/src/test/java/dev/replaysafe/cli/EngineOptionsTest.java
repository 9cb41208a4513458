package dev.replaysafe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.replaysafe.AuditMode;
import dev.replaysafe.Migrator;
import picocli.CommandLine;

class EngineOptionsTest {

	@Test
	void theDefaultsAreTheEnginesDefaults() {
		EngineOptions engine = new EngineOptions();
		EngineOptions.Run run = new EngineOptions.Run();
		new CommandLine(new Holder(engine, run)).parseArgs();

		assertThat(engine.table).isEqualTo(Migrator.DEFAULT_TABLE);
		assertThat(engine.audit).isEqualTo(AuditMode.FAIL);
		assertThat(run.lockTimeout).isEqualTo(Migrator.DEFAULT_LOCK_TIMEOUT);
		assertThat(run.validateChecksums).isTrue();
		assertThat(run.ignoreMissing).isFalse();
		assertThat(run.ignoreFuture).isTrue();
		assertThat(run.baselineVersion).isNull();
		assertThat(run.group).isEqualTo(Migrator.DEFAULT_GROUP);
	}

	@Test
	void durationsAreReadAsSpringBootReadsThem() {
		EngineOptions.DurationConverter converter = new EngineOptions.DurationConverter();

		assertThat(converter.convert("500")).isEqualTo(Duration.ofMillis(500));
		assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
		assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
		assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
		assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
		assertThatThrownBy(() -> converter.convert("soon")).hasMessageContaining("'soon' is no duration");
	}

	@CommandLine.Command
	static final class Holder {

		@CommandLine.Mixin
		final EngineOptions engine;

		@CommandLine.Mixin
		final EngineOptions.Run run;

		Holder(EngineOptions engine, EngineOptions.Run run) {
			this.engine = engine;
			this.run = run;
		}
	}
}
