package dev.replaysafe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering README "Architecture" describes: what users may touch is {@code dev.replaysafe},
 * nothing in it hands out an internal type, the internal packages form no cycle and know nothing
 * of Spring, and the module descriptor exports the API package alone.
 */
class ArchitectureTest {

	static final String API = "dev.replaysafe";

	static final String INTERNAL = "dev.replaysafe.internal..";

	static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages(API);

	/**
	 * Every type a user can reach from a public API type (supertypes, public fields, public and
	 * protected constructors and methods: parameters with their type arguments, return types,
	 * declared exceptions), that lives in an internal package.
	 */
	static List<String> internalTypesInTheApi(JavaClasses classes, String apiPackage) {
		List<String> leaks = new ArrayList<>();
		for (JavaClass c : classes) {
			if (!c.getPackageName().equals(apiPackage) || !visible(c)) {
				continue;
			}
			Stream.concat(c.getRawSuperclass().stream(), c.getRawInterfaces().stream())
				.filter(ArchitectureTest::internal)
				.forEach(t -> leaks.add(c.getName() + " extends " + t.getName()));
			for (JavaField f : c.getFields()) {
				if (f.getModifiers().contains(JavaModifier.PUBLIC)) {
					involved(f.getType()).filter(ArchitectureTest::internal)
						.forEach(t -> leaks.add(c.getName() + "." + f.getName() + ": " + t.getName()));
				}
			}
			for (JavaCodeUnit u : c.getCodeUnits()) {
				Set<JavaModifier> m = u.getModifiers();
				if (!m.contains(JavaModifier.PUBLIC) && !m.contains(JavaModifier.PROTECTED)) {
					continue;
				}
				Stream.concat(Stream.concat(u.getParameterTypes().stream(), Stream.of(u.getReturnType())),
						u.getThrowsClause().getTypes().stream())
					.flatMap(ArchitectureTest::involved)
					.filter(ArchitectureTest::internal)
					.forEach(t -> leaks.add(u.getFullName() + " mentions " + t.getName()));
			}
		}
		return leaks;
	}

	/** A public type whose enclosing types are public too: one a user can name. */
	private static boolean visible(JavaClass c) {
		for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
			if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
				return false;
			}
		}
		return !c.isAnonymousClass() && !c.isLocalClass();
	}

	private static Stream<JavaClass> involved(JavaType type) {
		return type.getAllInvolvedRawTypes().stream();
	}

	private static boolean internal(JavaClass c) {
		return c.getPackageName().startsWith("dev.replaysafe.internal");
	}

	@Test
	void noPublicMemberOfAnApiTypeMentionsAnInternalType() {
		assertThat(internalTypesInTheApi(CORE, API)).isEmpty();
	}

	@Test
	void theLeakCheckSeesAnInternalTypeInATypeArgument() {
		// The check above must be able to fail: FileAudit.up takes an internal SqlScript, and
		// Audit's CACHE (private) is not a leak; run the check as if internal.audit were the API.
		assertThat(internalTypesInTheApi(CORE, "dev.replaysafe.internal.audit"))
			.as("the audit engine's public signatures, checked as if they were API")
			.isNotEmpty();
	}

	@Test
	void theInternalPackagesFormNoCycle() {
		slices().matching("dev.replaysafe.internal.(*)..").should().beFreeOfCycles().check(CORE);
	}

	@Test
	void theEngineKnowsNothingOfSpringNorAnyLibraryButSlf4j() {
		noClasses().should()
			.dependOnClassesThat()
			.resideOutsideOfPackages("dev.replaysafe..", "java..", "javax.sql..", "org.slf4j..")
			.check(CORE);
	}

	@Test
	void theModuleExportsTheApiPackageAloneAndContainsEveryInternalPackage() throws Exception {
		Path classes = Path.of(Migrator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		ModuleDescriptor module = ModuleFinder.of(classes)
			.findAll()
			.stream()
			.findFirst()
			.orElseThrow()
			.descriptor();
		assertThat(module.name()).isEqualTo("dev.replaysafe");
		assertThat(module.exports()).extracting(Exports::source).containsExactly(API);
		assertThat(module.exports()).allMatch(e -> !e.isQualified());
		Set<String> packages = CORE.stream().map(JavaClass::getPackageName).collect(Collectors.toSet());
		assertThat(module.packages()).containsAll(packages);
		assertThat(packages).as("internal packages exist and are not exported")
			.anyMatch(p -> p.startsWith("dev.replaysafe.internal."));
	}
}
