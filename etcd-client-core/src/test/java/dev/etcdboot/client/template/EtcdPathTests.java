package dev.etcdboot.client.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Validation and structure of {@link EtcdPath}.
 */
class EtcdPathTests {

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "a", "a/b", "/a//b", "//", "/a/", "/a/b/", "/a/../b", "/..", "/a/.", "/./a" })
	void invalidPathsAreRejectedNamingThePath(String path) {
		assertThatIllegalArgumentException().isThrownBy(() -> EtcdPath.of(path))
			.withMessageStartingWith("Invalid etcd path " + ((path != null) ? "'" + path + "'" : "null") + ": ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/a", "/a/b", "/a.b/..c/...", "/with space/ünïcødé", "/a-b_c:d" })
	void validPathsAreKeptAsTheyAre(String path) {
		assertThat(EtcdPath.of(path).value()).isEqualTo(path);
	}

	@Test
	void structure() {
		EtcdPath path = EtcdPath.of("/a/b/c");
		assertThat(path.name()).isEqualTo("c");
		assertThat(path.directoryKey()).isEqualTo("/a/b/c/");
		assertThat(path.ancestors()).containsExactly(EtcdPath.of("/a"), EtcdPath.of("/a/b"));
		assertThat(path.isRoot()).isFalse();
		assertThat(EtcdPath.ROOT.isRoot()).isTrue();
		assertThat(EtcdPath.ROOT.directoryKey()).isEqualTo("/");
		assertThat(EtcdPath.ROOT.ancestors()).isEmpty();
		assertThat(EtcdPath.of("/a").ancestors()).isEmpty();
		assertThat(EtcdPath.ROOT.name()).isEmpty();
		assertThat(path).hasToString("/a/b/c");
	}

}
