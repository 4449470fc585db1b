package dev.etcdboot.autoconfigure.architecture;

import java.util.List;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The Boot module's structure: its packages form no cycle, and what its public types show
 * (supertypes and the signatures of public and protected members) includes no internal
 * type of the client.
 */
class ArchitectureTests {

	private static final JavaClasses BOOT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.etcdboot.autoconfigure", "dev.etcdboot.boot");

	private static final DescribedPredicate<JavaClass> INTERNAL = resideInAPackage("..internal..");

	@Test
	void packagesFormNoCycle() {
		slices().matching("dev.etcdboot.(**)").should().beFreeOfCycles().check(BOOT);
	}

	@Test
	void publicTypesExposeNoInternalType() {
		noClasses().that()
			.arePublic()
			.should()
			.beAssignableTo(INTERNAL)
			.because("a public type must not extend or implement an internal one")
			.check(BOOT);
		codeUnits().that()
			.arePublic()
			.or()
			.areProtected()
			.should()
			.notHaveRawReturnType(INTERNAL)
			.andShould()
			.notHaveRawParameterTypes(DescribedPredicate.describe("internal parameter types",
					(List<JavaClass> types) -> types.stream().anyMatch(INTERNAL)))
			.allowEmptyShould(true)
			.check(BOOT);
	}

}
