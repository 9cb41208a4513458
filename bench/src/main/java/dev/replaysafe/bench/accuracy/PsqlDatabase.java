package dev.replaysafe.bench.accuracy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL database of its own on the given server, applied to with {@code psql -1 -v ON_ERROR_STOP=1}
 * (without {@code -1} for a file PostgreSQL refuses to run in a transaction block, as diesel's and
 * sqlx's no-transaction migrations run), saved and restored as a template copy ({@code CREATE DATABASE ...
 * TEMPLATE}), and read with {@code pg_dump --schema-only} plus every table's rows.
 */
final class PsqlDatabase implements ReferenceDatabase {

	private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]*)\\?(.*)");
	private static final Pattern DUMP_HEADER = Pattern.compile("(?m)^-- (?:Name: (.*); Type: (.*); Schema: ([^;]*);.*)$");

	private final String adminUrl;
	private final String host;
	private final String port;
	private final String user;
	private final String password;
	private final String work;
	private final String saved;
	private boolean hasSaved;

	/** @param jdbcUrl a JDBC URL with user and password whose role may create databases */
	PsqlDatabase(String jdbcUrl) {
		Matcher m = URL.matcher(jdbcUrl);
		if (!m.matches()) {
			throw new IllegalArgumentException("expected jdbc:postgresql://host:port/db?user=...&password=..., got " + jdbcUrl);
		}
		adminUrl = jdbcUrl;
		host = m.group(1);
		port = m.group(2) == null ? "5432" : m.group(2);
		Map<String, String> params = new TreeMap<>();
		for (String p : m.group(4).split("&")) {
			String[] kv = p.split("=", 2);
			params.put(kv[0], kv.length > 1 ? kv[1] : "");
		}
		user = params.get("user");
		password = params.getOrDefault("password", "");
		String id = "acc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
		work = id + "_work";
		saved = id + "_saved";
	}

	@Override
	public void create() throws SQLException {
		admin("DROP DATABASE IF EXISTS " + work, "CREATE DATABASE " + work);
	}

	@Override
	public Applied apply(Path file) throws Exception {
		String error = psql(file, true);
		if (error != null && error.contains("inside a transaction block")) {
			return new Applied(psql(file, false), false);
		}
		return new Applied(error, true);
	}

	private String psql(Path file, boolean oneTransaction) throws Exception {
		List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port,
				"-U", user, "-d", work, "-f", file.toString()));
		if (oneTransaction) {
			command.add(1, "-1");
		}
		// A replay that waits on a lock or loops must not stall the whole measurement.
		return ReferenceDatabase.run(command, Map.of("PGPASSWORD", password, "PGOPTIONS", "-c statement_timeout=300s"));
	}

	@Override
	public void save() throws SQLException {
		admin("DROP DATABASE IF EXISTS " + saved, "CREATE DATABASE " + saved + " TEMPLATE " + work);
		hasSaved = true;
	}

	@Override
	public void restore() throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				admin("DROP DATABASE IF EXISTS " + work + " WITH (FORCE)", "CREATE DATABASE " + work + " TEMPLATE " + saved);
				return;
			}
			catch (SQLException e) {
				// FORCE cannot end a session of another role (an autovacuum worker): wait for it to finish.
				if (attempt == 5) {
					throw e;
				}
				Thread.sleep(1000);
			}
		}
	}

	@Override
	public Snapshot snapshot() throws Exception {
		ProcessBuilder dump = new ProcessBuilder("pg_dump", "--schema-only", "-h", host, "-p", port, "-U", user, "-d", work);
		dump.environment().put("PGPASSWORD", password);
		Process p = dump.redirectError(ProcessBuilder.Redirect.INHERIT).start();
		p.getOutputStream().close();
		String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IllegalStateException("pg_dump of " + work + " failed (exit " + p.exitValue() + ")");
		}
		return new Snapshot(objects(text), rows());
	}

	/** pg_dump's output cut at its per-object headers, keyed by type, schema and name. */
	static SortedMap<String, String> objects(String dump) {
		SortedMap<String, String> objects = new TreeMap<>();
		Matcher m = DUMP_HEADER.matcher(dump);
		String key = "(preamble)";
		int from = 0;
		while (m.find()) {
			put(objects, key, dump.substring(from, m.start()));
			key = m.group(2) + " " + m.group(3) + "." + m.group(1);
			from = m.end();
		}
		put(objects, key, dump.substring(from));
		return objects;
	}

	private static void put(SortedMap<String, String> objects, String key, String text) {
		// pg_dump 15.14 and later fence the dump with a restrict / unrestrict meta-command pair holding a random key.
		String body = text.lines().filter(l -> !l.startsWith("--") && !l.isBlank() && !l.startsWith("\\restrict ")
				&& !l.startsWith("\\unrestrict ")).reduce("", (a, b) -> a + b + "\n");
		objects.merge(key, body, String::concat);
	}

	private SortedMap<String, List<String>> rows() throws SQLException {
		SortedMap<String, List<String>> rows = new TreeMap<>();
		try (Connection c = connect(work); Statement s = c.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = s.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
					+ "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN "
					+ "('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			for (String table : tables) {
				List<String> list = new ArrayList<>();
				try (ResultSet rs = s.executeQuery("SELECT CAST(t AS text) FROM ONLY " + table + " t")) {
					while (rs.next()) {
						list.add(rs.getString(1));
					}
				}
				Collections.sort(list);
				rows.put(table, list);
			}
		}
		return rows;
	}

	@Override
	public void close() throws SQLException {
		admin("DROP DATABASE IF EXISTS " + work + " WITH (FORCE)");
		if (hasSaved) {
			admin("DROP DATABASE IF EXISTS " + saved + " WITH (FORCE)");
		}
	}

	private void admin(String... statements) throws SQLException {
		try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
			for (String sql : statements) {
				s.execute(sql);
			}
		}
	}

	private Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(adminUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database));
	}
}
