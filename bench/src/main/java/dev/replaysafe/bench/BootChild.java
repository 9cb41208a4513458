package dev.replaysafe.bench;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Boot start case, in its own JVM: a minimal Spring Boot application (auto-configuration, a
 * Hikari DataSource, one bean that queries the database at start, as any application does) timed
 * from {@code main} to a started context. {@link Bench} runs it with the starter on the classpath
 * and without it (the same jars less replaysafe's), on a database already migrated.
 *
 * <pre>
 * BootChild &lt;starter|plain&gt; &lt;jdbc-url&gt; &lt;replaysafe-location&gt;
 * </pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BootChild {

	@Bean
	ApplicationRunner queryAtStart(JdbcTemplate jdbc) {
		return args -> jdbc.queryForObject("SELECT 1", Integer.class);
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		boolean starter = args[0].equals("starter");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BootChild.class)
				.web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.run("--spring.main.banner-mode=off", "--logging.level.root=WARN", "--spring.datasource.url=" + args[1],
						"--replaysafe.locations=" + args[2]);
		long took = System.nanoTime() - start;
		// The starter's Migrator must be there (it ran), and must not be in the context without it.
		boolean hasMigrator = hasBeanOf(context, "dev.replaysafe.Migrator");
		context.close();
		if (hasMigrator != starter) {
			System.err.println("expected " + (starter ? "a" : "no") + " replaysafe Migrator in the context");
			System.exit(2);
		}
		long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
		System.out.println("RESULT " + took + " cpu=" + cpu);
		System.exit(0);
	}

	private static boolean hasBeanOf(ConfigurableApplicationContext context, String type) {
		try {
			Class<?> c = Class.forName(type, false, BootChild.class.getClassLoader());
			return context.getBeanFactory().getBeanNamesForType(c, false, false).length > 0;
		}
		catch (ClassNotFoundException e) {
			return false;
		}
	}
}
