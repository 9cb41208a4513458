package dev.replaysafe.autoconfigure;

import java.util.List;
import java.util.function.ToDoubleFunction;

import dev.replaysafe.MigrationStatus;
import dev.replaysafe.Migrator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Micrometer meters:
 * <ul>
 * <li>{@code replaysafe.migrations.applied} (timer): one sample per migration this instance
 * applied at start, with its duration (count = how many, total = how long);</li>
 * <li>{@code replaysafe.migrations.pending} (gauge): migrations not applied yet;</li>
 * <li>{@code replaysafe.migrations.current.version} (gauge): the highest applied version (0 when
 * none is);</li>
 * <li>{@code replaysafe.migrations.future} (gauge): versions a newer build applied above every file
 * of this one (the database is ahead: a rolling deploy, a rolled-back release).</li>
 * </ul>
 * The gauges read the history table when sampled (one small query); NaN if it cannot be read.
 */
public class MigrationMetrics implements MeterBinder {

	private final Migrator migrator;

	private final ObjectProvider<MigrationInitializer> initializer;

	public MigrationMetrics(Migrator migrator, ObjectProvider<MigrationInitializer> initializer) {
		this.migrator = migrator;
		this.initializer = initializer;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Timer applied = Timer.builder("replaysafe.migrations.applied")
			.description("Migrations applied at start by this instance, with their durations")
			.register(registry);
		MigrationInitializer run = this.initializer.getIfAvailable();
		if (run != null) {
			run.result().ifPresent(result -> result.applied().forEach(a -> applied.record(a.duration())));
		}
		gauge(registry, "replaysafe.migrations.pending", "Migrations not applied yet",
				status -> status.stream().filter(s -> s.state() == MigrationStatus.State.PENDING).count());
		gauge(registry, "replaysafe.migrations.future", "Versions applied by a newer build above every file of this one",
				status -> status.stream().filter(s -> s.state() == MigrationStatus.State.FUTURE).count());
		gauge(registry, "replaysafe.migrations.current.version", "The highest applied migration version", status -> {
			Long current = MigrationsEndpoint.currentVersion(status);
			return current == null ? 0 : current;
		});
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<List<MigrationStatus>> value) {
		Gauge.builder(name, this.migrator, migrator -> {
			try {
				return value.applyAsDouble(migrator.status());
			}
			catch (RuntimeException ex) {
				return Double.NaN;
			}
		}).description(description).register(registry);
	}

}
