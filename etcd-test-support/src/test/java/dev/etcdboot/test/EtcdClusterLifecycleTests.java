package dev.etcdboot.test;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EtcdClusterLifecycleTests {

	@TempDir
	Path base;

	@Test
	void closeKillsTheMembersAndDeletesTheirDirectories() {
		long pid;
		try (EtcdCluster cluster = EtcdCluster.builder().dataDirectory(this.base).build().start()) {
			EtcdMember member = cluster.members().get(0);
			pid = member.pid();
			assertThat(member.logFile()).startsWith(this.base).isNotEmptyFile();
			assertThat(member.isHealthy()).isTrue();
		}
		assertThat(ProcessHandle.of(pid)).isEmpty();
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void startupFailureShowsTheLogsAndLeavesNothingBehind() {
		assertThatIllegalStateException()
			.isThrownBy(() -> EtcdCluster.builder()
				.dataDirectory(this.base)
				.extraArgs("--no-such-flag")
				.startupTimeout(Duration.ofSeconds(10))
				.start())
			.withMessageContaining("member-0")
			.withMessageContaining("exited with code")
			.withMessageContaining("Last lines of")
			.withMessageContaining("no-such-flag");
		assertThat(this.base).isEmptyDirectory();
	}

	@Test
	void clientCertAuthNeedsTls() {
		assertThatIllegalStateException().isThrownBy(() -> EtcdCluster.builder().clientCertAuth(true).build())
			.withMessageContaining("tls");
	}

	@Test
	void accessorsNeedAStartedCluster() {
		assertThatIllegalStateException().isThrownBy(() -> EtcdCluster.builder().build().endpoints())
			.withMessageContaining("start()");
	}

}
