package dev.replaysafe.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Workspaces and documents, in plain SQL that runs on SQLite and PostgreSQL alike. */
@Repository
public class Workspaces {

	private static final String WORKSPACE = "SELECT id, slug, name, created_at FROM workspaces";

	private static final String DOCUMENT = "SELECT id, workspace_id, title, body, status, created_at, updated_at "
			+ "FROM documents";

	private final JdbcClient jdbc;

	public Workspaces(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Workspace> all() {
		return this.jdbc.sql(WORKSPACE + " ORDER BY slug").query(Workspaces::workspace).list();
	}

	public Optional<Workspace> find(String id) {
		return this.jdbc.sql(WORKSPACE + " WHERE id = ?").param(id).query(Workspaces::workspace).optional();
	}

	public boolean slugTaken(String slug) {
		return this.jdbc.sql("SELECT count(*) FROM workspaces WHERE slug = ?").param(slug).query(Long.class).single() > 0;
	}

	public Workspace create(String slug, String name) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("INSERT INTO workspaces (id, slug, name) VALUES (?, ?, ?)").params(id, slug, name).update();
		return find(id).orElseThrow();
	}

	public List<Document> documents(String workspaceId) {
		return this.jdbc.sql(DOCUMENT + " WHERE workspace_id = ? ORDER BY created_at, title")
			.param(workspaceId)
			.query(Workspaces::document)
			.list();
	}

	public Optional<Document> document(String id) {
		return this.jdbc.sql(DOCUMENT + " WHERE id = ?").param(id).query(Workspaces::document).optional();
	}

	public Document createDocument(String workspaceId, String title, String body) {
		String id = UUID.randomUUID().toString();
		this.jdbc.sql("INSERT INTO documents (id, workspace_id, title, body, search_title) VALUES (?, ?, ?, ?, ?)")
			.params(id, workspaceId, title, body, title.toLowerCase(Locale.ROOT))
			.update();
		return document(id).orElseThrow();
	}

	private static Workspace workspace(ResultSet rs, int row) throws SQLException {
		return new Workspace(rs.getString("id"), rs.getString("slug"), rs.getString("name"), rs.getString("created_at"));
	}

	private static Document document(ResultSet rs, int row) throws SQLException {
		return new Document(rs.getString("id"), rs.getString("workspace_id"), rs.getString("title"), rs.getString("body"),
				rs.getString("status"), rs.getString("created_at"), rs.getString("updated_at"));
	}

	/** A workspace; timestamps as the database prints them. */
	public record Workspace(String id, String slug, String name, String createdAt) {
	}

	/** A document of a workspace. */
	public record Document(String id, String workspaceId, String title, String body, String status, String createdAt,
			String updatedAt) {
	}

}
