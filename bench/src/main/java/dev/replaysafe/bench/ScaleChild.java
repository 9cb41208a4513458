package dev.replaysafe.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.replaysafe.Audit;
import dev.replaysafe.Finding;
import dev.replaysafe.Migrator;
import dev.replaysafe.SqlFile;

/**
 * The scale cases, each in its own fresh JVM (started by {@link Bench}, the big file's with
 * {@code -Xmx256m}): a warm start over a 50 MB applied file, the endpoint's reads, and an audit
 * of 20 000 waived statements. Prints {@code RESULT <nanoseconds> cpu=<nanoseconds>} as
 * {@link Child} does.
 *
 * <pre>
 * ScaleChild migrate &lt;sqlite|postgres&gt; &lt;jdbc-url&gt; &lt;folder&gt;        a run (cold or warm), timed from main
 * ScaleChild migrate-audit &lt;sqlite|postgres&gt; &lt;jdbc-url&gt; &lt;folder&gt;  a warm run, then Migrator.audit(), timed from main
 * ScaleChild gets &lt;sqlite|postgres&gt; &lt;jdbc-url&gt; &lt;folder&gt; &lt;count&gt;  a warm run (untimed), then count endpoint reads, timed
 * ScaleChild waivers &lt;count&gt;                                    the audit of count waived statements, timed
 * </pre>
 */
public final class ScaleChild {

	private ScaleChild() {
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		if (args[0].equals("waivers")) {
			int count = Integer.parseInt(args[1]);
			SqlFile file = SqlFile.of("waivers.sql", waived(count));
			start = System.nanoTime();
			List<Finding> findings = Audit.up(file);
			long took = System.nanoTime() - start;
			require(findings.size() == count && findings.stream().allMatch(Finding::isWaived),
					"expected " + count + " waived findings, got " + findings.size());
			Child.result(took);
			return;
		}
		Database db = new Database(Database.Kind.of(args[1]), args[2]);
		Migrator migrator = Migrator.builder(db.dataSource()).locations("filesystem:" + args[3]).build();
		switch (args[0]) {
			case "migrate" -> migrator.migrate();
			case "migrate-audit" -> {
				migrator.migrate();
				require(migrator.audit().isEmpty(), "the generated files audit clean");
			}
			case "gets" -> {
				migrator.migrate();
				int count = Integer.parseInt(args[4]);
				start = System.nanoTime();
				int findings = 0;
				// What MigrationsEndpoint.migrations() asks the engine for, per GET.
				for (int i = 0; i < count; i++) {
					migrator.status();
					migrator.databaseDescription();
					findings += migrator.audit().size();
				}
				long took = System.nanoTime() - start;
				require(findings == 0, "the generated files audit clean");
				Child.result(took);
				return;
			}
			default -> throw new IllegalArgumentException("unknown action " + args[0]);
		}
		long took = System.nanoTime() - start;
		require(db.hasTable("big"), "table big is missing");
		Child.result(took);
	}

	private static void require(boolean ok, String what) {
		if (!ok) {
			System.err.println(what);
			System.exit(2);
		}
	}

	/**
	 * Writes a two-migration set whose second up is about {@code megabytes} MB of multi-row inserts
	 * (1000 rows a statement, short rows: many tokens per byte, the lexer's worst realistic case).
	 */
	static Path writeBigSet(Path folder, int megabytes) throws IOException {
		Files.createDirectories(folder);
		Files.writeString(folder.resolve("0001_create_big.sql"),
				"CREATE TABLE IF NOT EXISTS big (id INTEGER PRIMARY KEY, v VARCHAR(10));\n");
		Files.writeString(folder.resolve("0001_create_big.down.sql"), "DROP TABLE IF EXISTS big;\n");
		long limit = megabytes * 1024L * 1024L;
		long written = 0;
		int id = 0;
		try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("0002_fill_big.sql"), StandardCharsets.UTF_8)) {
			while (written < limit) {
				StringBuilder statement = new StringBuilder("INSERT INTO big (id, v) VALUES\n");
				for (int row = 0; row < 1000; row++) {
					statement.append(row == 0 ? "" : ",\n").append('(').append(++id).append(",'x')");
				}
				statement.append("\nON CONFLICT DO NOTHING;\n");
				out.append(statement);
				written += statement.length();
			}
		}
		Files.writeString(folder.resolve("0002_fill_big.down.sql"), "DELETE FROM big WHERE id > 0;\n");
		return folder;
	}

	/** {@code count} statements, each with a finding its own waiver accepts. */
	static String waived(int count) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append("-- replaysafe:allow create-without-if-not-exists created once, on purpose\n")
				.append("CREATE TABLE t").append(i).append(" (id INTEGER);\n");
		}
		return text.toString();
	}
}
