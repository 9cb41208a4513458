package dev.replaysafe.maven;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

import dev.replaysafe.MigrationStatus;
import dev.replaysafe.Migrator;

/**
 * Logs where each migration stands on the database at {@code url}: version, description, state
 * ({@code APPLIED}, {@code PENDING}, {@code FAILED}, {@code CHECKSUM_MISMATCH}, {@code MISSING_FILE},
 * {@code FUTURE}, {@code BASELINE}) and when it was installed (UTC). Reads only; takes no lock.
 */
@Mojo(name = "info", threadSafe = true)
public class InfoMojo extends AbstractDatabaseMojo {

	private static final DateTimeFormatter INSTALLED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	@Override
	String goal() {
		return "info";
	}

	@Override
	void run() throws MojoExecutionException {
		String url = requireUrl();
		Migrator migrator = migrator(dataSource(url)).build();
		List<MigrationStatus> status = migrator.status();
		getLog().info(migrator.databaseDescription() + " at " + JdbcDrivers.withoutParameters(url) + ", history table "
				+ table + ":");
		table(status).forEach(getLog()::info);
	}

	/** The status as an aligned text table, a header line first. */
	static List<String> table(List<MigrationStatus> status) {
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] {"Version", "Description", "State", "Installed on"});
		for (MigrationStatus s : status) {
			rows.add(new String[] {Long.toString(s.version()), s.description(), s.state().name(),
					s.installedOn() == null ? "" : INSTALLED.format(s.installedOn())});
		}
		int[] widths = new int[4];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		List<String> lines = new ArrayList<>();
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
			}
			lines.add(line.toString().stripTrailing());
		}
		if (status.isEmpty()) {
			lines.add("(no migrations)");
		}
		return lines;
	}
}
