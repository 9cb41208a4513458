package dev.replaysafe.autoconfigure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The Spring wiring is built on the engine's API package alone (README "Architecture"). */
class ArchitectureTest {

	static final JavaClasses WIRING = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.replaysafe.autoconfigure");

	@Test
	void theWiringUsesOnlyTheEnginesApiPackage() {
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.replaysafe.internal..").check(WIRING);
	}
}
