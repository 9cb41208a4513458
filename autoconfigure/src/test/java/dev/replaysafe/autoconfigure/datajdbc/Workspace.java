package dev.replaysafe.autoconfigure.datajdbc;

import java.time.LocalDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of the reference schema's {@code workspaces} table (migration 0001). */
@Table("workspaces")
record Workspace(@Id String id, String slug, String name, LocalDateTime createdAt) {

	static Workspace create(String slug, String name, LocalDateTime createdAt) {
		return new Workspace(null, slug, name, createdAt);
	}

}
