package dev.etcdboot.test;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What a machine that cannot run network namespaces is told, in CI and elsewhere.
 */
class NetworkPrerequisitesTests {

	@Test
	void namesEachMissingPieceWithItsPackageAndHowToInstallIt() {
		assertThat(NetworkPrerequisites.inspect("1000", Set.of("ip", "tc")::contains)).hasValueSatisfying((message) -> {
			assertThat(message).contains("root (network namespaces need it; this JVM runs as uid 1000)");
			assertThat(message).contains("the program 'nft' (Debian package nftables)");
			assertThat(message).doesNotContain("'ip'").doesNotContain("'tc'");
			assertThat(message).contains("apt-get install -y iproute2 nftables").contains(".ci/run installs them");
		});
		assertThat(NetworkPrerequisites.inspect("0", Set.of("nft")::contains))
			.hasValueSatisfying((message) -> assertThat(message)
				.contains("'ip' (Debian package iproute2)", "'tc' (Debian package iproute2)")
				.doesNotContain("uid"));
	}

	@Test
	void failsInCiAndSkipsElsewhere() {
		assertThatIllegalStateException().isThrownBy(() -> EtcdExtension.failOrSkip("nft is missing", "true"))
			.withMessage("nft is missing");
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> EtcdExtension.failOrSkip("nft is missing", null))
			.withMessageContaining("nft is missing")
			.withMessageContaining("skipped outside CI");
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> EtcdExtension.failOrSkip("nft is missing", "false"));
	}

}
