package dev.replaysafe.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The sample application touches replaysafe through its API package alone, as users should. */
class ArchitectureTests {

	@Test
	void theApplicationUsesOnlyTheEnginesApiPackage() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("dev.replaysafe.internal..")
			.check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
				.importPackages("dev.replaysafe.sample"));
	}
}
