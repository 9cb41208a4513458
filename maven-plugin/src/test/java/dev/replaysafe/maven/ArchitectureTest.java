package dev.replaysafe.maven;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Built on the engine's API package alone (README "Architecture"), as users' tools would be. */
class ArchitectureTest {

	@Test
	void usesOnlyTheEnginesApiPackage() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("dev.replaysafe.internal..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.replaysafe.maven"));
	}
}
