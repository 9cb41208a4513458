package dev.replaysafe.sample;

import java.net.URI;
import java.util.List;

import dev.replaysafe.sample.Workspaces.Document;
import dev.replaysafe.sample.Workspaces.Workspace;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /workspaces} and {@code /documents}: list, create, get.
 */
@RestController
public class WorkspaceController {

	private final Workspaces workspaces;

	public WorkspaceController(Workspaces workspaces) {
		this.workspaces = workspaces;
	}

	@GetMapping("/workspaces")
	public List<Workspace> workspaces() {
		return this.workspaces.all();
	}

	@PostMapping("/workspaces")
	public ResponseEntity<Workspace> createWorkspace(@RequestBody NewWorkspace request) {
		String slug = required("slug", request.slug());
		if (!slug.matches("[a-z0-9][a-z0-9-]{0,63}")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"slug must be lower-case letters, digits and '-', at most 64");
		}
		if (this.workspaces.slugTaken(slug)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "a workspace with slug '" + slug + "' exists");
		}
		Workspace created = this.workspaces.create(slug, required("name", request.name()));
		return ResponseEntity.created(URI.create("/workspaces/" + created.id())).body(created);
	}

	@GetMapping("/workspaces/{id}")
	public Workspace workspace(@PathVariable String id) {
		return this.workspaces.find(id).orElseThrow(() -> notFound("workspace", id));
	}

	@GetMapping("/workspaces/{id}/documents")
	public List<Document> documents(@PathVariable String id) {
		workspace(id);
		return this.workspaces.documents(id);
	}

	@PostMapping("/workspaces/{id}/documents")
	public ResponseEntity<Document> createDocument(@PathVariable String id, @RequestBody NewDocument request) {
		workspace(id);
		Document created = this.workspaces.createDocument(id, required("title", request.title()),
				request.body() == null ? "" : request.body());
		return ResponseEntity.created(URI.create("/documents/" + created.id())).body(created);
	}

	@GetMapping("/documents/{id}")
	public Document document(@PathVariable String id) {
		return this.workspaces.document(id).orElseThrow(() -> notFound("document", id));
	}

	private static String required(String field, String value) {
		if (value == null || value.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + " is required");
		}
		return value.strip();
	}

	private static ResponseStatusException notFound(String what, String id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " " + id);
	}

	/** {@code POST /workspaces} body. */
	public record NewWorkspace(String slug, String name) {
	}

	/** {@code POST /workspaces/{id}/documents} body. */
	public record NewDocument(String title, String body) {
	}

}
