package dev.etcdboot.client.architecture;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The core's structure: packages form no cycle, and the public API never exposes an internal type.
 */
class ArchitectureTests {

	private static final JavaClasses CORE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.etcdboot.client");

	private static final JavaClasses FIXTURES = new ClassFileImporter()
		.importPackages("dev.etcdboot.client.architecture.fixture");

	@Test
	void packagesFormNoCycle() {
		slices().matching("dev.etcdboot.client.(**)").should().beFreeOfCycles().check(CORE);
	}

	@Test
	void publicApiExposesNoInternalType() {
		ApiRules.publicApiExposesNoInternalType("dev.etcdboot.client..")
			.check(CORE.that(DescribedPredicate.describe("not yet behind an interface",
				(JavaClass type) -> !STILL_EXPOSING.contains(type.getSimpleName()))));
	}

	// the transport moved to the internal package before the service clients became interfaces
	private static final Set<String> STILL_EXPOSING = Set.of("EtcdClient", "AuthClient", "ClusterClient",
			"ElectionClient", "LockClient", "KvClient", "LeaseClient", "MaintenanceClient", "WatchClient",
			"KeyRangeCache");

	@Test
	void theRulesReportACycleAndAnExposedInternalType() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> slices().matching("dev.etcdboot.client.architecture.fixture.(*)..")
				.should()
				.beFreeOfCycles()
				.check(FIXTURES))
			.withMessageContaining("Cycle detected");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ApiRules.publicApiExposesNoInternalType("dev.etcdboot.client.architecture.fixture..")
				.check(FIXTURES))
			.withMessageContaining("Leaky exposes dev.etcdboot.client.internal.Backoff (backoffs)");
	}

}
