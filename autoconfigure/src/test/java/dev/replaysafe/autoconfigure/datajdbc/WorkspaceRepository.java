package dev.replaysafe.autoconfigure.datajdbc;

import java.util.Optional;

import org.springframework.data.relational.core.sql.LockMode;
import org.springframework.data.relational.repository.Lock;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.ListPagingAndSortingRepository;

interface WorkspaceRepository
		extends ListCrudRepository<Workspace, String>, ListPagingAndSortingRepository<Workspace, String> {

	Optional<Workspace> findBySlug(String slug);

	@Lock(LockMode.PESSIMISTIC_WRITE)
	Optional<Workspace> findLockedBySlug(String slug);

}
