package dev.etcdboot.client.maintenance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.cluster.Member;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.test.EtcdBinary;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The maintenance and cluster calls an operator needs, against a real three-member
 * cluster: snapshot, key space hash, defragment, moving the leader, and adding, updating,
 * promoting and removing a learner (one that never started, and one started as a real
 * etcd process).
 */
class AdminApiTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void snapshotIsADatabaseThatEtcdctlReads(@TempDir Path directory) throws Exception {
		try (EtcdClient client = client()) {
			for (int i = 0; i < 20; i++) {
				client.kv().put("/snap/" + i, "value-" + i);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			long written = client.maintenance().snapshot(client.endpoints().get(0), out);
			assertThat(written).isEqualTo(out.size()).isPositive();
			Path file = directory.resolve("etcd.db");
			Files.write(file, out.toByteArray());
			assertThat(etcdctl("snapshot", "status", file.toString(), "-w", "json"))
				.as("etcdctl reads the snapshot and counts its keys")
				.containsPattern("\"totalKey\":\\s*(2[0-9]|[3-9][0-9]|\\d{3,})");
		}
	}

	@Test
	void membersThatAppliedTheSameRevisionsHaveTheSameHash() {
		try (EtcdClient client = client()) {
			long revision = client.kv().put("/hash/a", "1").header().revision();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				List<KeySpaceHash> hashes = client.endpoints().stream().map(client.maintenance()::hash).toList();
				assertThat(hashes).extracting((hash) -> hash.header().revision()).containsOnly(revision);
				assertThat(hashes).extracting(KeySpaceHash::hash).containsOnly(hashes.get(0).hash());
			});
			Endpoint first = client.endpoints().get(0);
			long before = client.maintenance().hash(first).hash();
			client.kv().put("/hash/a", "2");
			assertThat(client.maintenance().hash(first).hash()).isNotEqualTo(before);
		}
	}

	@Test
	void defragmentKeepsEveryKey() {
		try (EtcdClient client = client()) {
			long revision = 0;
			for (int i = 0; i < 50; i++) {
				revision = client.kv().put("/defrag/key", "x".repeat(4096)).header().revision();
			}
			client.kv().compact(revision, true);
			for (Endpoint endpoint : client.endpoints()) {
				client.maintenance().defragment(endpoint);
			}
			assertThat(client.kv().get("/defrag/key").first().orElseThrow().valueAsString()).hasSize(4096);
		}
	}

	@Test
	void leadershipMovesToTheChosenMember() {
		try (EtcdClient client = client()) {
			String leaderEndpoint = etcd.cluster().awaitLeader(Duration.ofSeconds(10)).clientEndpoint();
			Member target = client.cluster()
				.members()
				.stream()
				.filter((member) -> !member.clientUrls().contains(leaderEndpoint))
				.findFirst()
				.orElseThrow();
			client.maintenance().moveLeader(target.id());
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(client.maintenance().status().leader()).isEqualTo(target.id()));
		}
	}

	@Test
	void aLearnerIsAddedUpdatedAndRemovedAndNotPromotedWhileBehind() {
		try (EtcdClient client = client()) {
			// etcd refuses membership changes until every member has been connected for 5
			// s ("unhealthy cluster")
			Member learner = await().atMost(Duration.ofSeconds(20))
				.ignoreException(EtcdUnavailableException.class)
				.until(() -> client.cluster().addMember(List.of("http://127.0.0.1:1"), true), (added) -> true);
			try {
				assertThat(learner.id()).isNotZero();
				assertThat(client.cluster().members()).filteredOn(Member::learner)
					.singleElement()
					.satisfies((member) -> assertThat(member.peerUrls()).containsExactly("http://127.0.0.1:1"));
				client.cluster().updateMember(learner.id(), List.of("http://127.0.0.1:2"));
				assertThat(client.cluster().members()).filteredOn((member) -> member.id() == learner.id())
					.singleElement()
					.satisfies((member) -> assertThat(member.peerUrls()).containsExactly("http://127.0.0.1:2"));
				assertThatExceptionOfType(EtcdException.class)
					.isThrownBy(() -> client.cluster().promoteMember(learner.id()))
					.as("a learner that never started has not caught up with the leader")
					.satisfies((ex) -> assertThat(ex.etcdMessage()).contains("learner"));
			}
			finally {
				client.cluster().removeMember(learner.id());
			}
			assertThat(client.cluster().members()).hasSize(3).noneMatch(Member::learner);
		}
	}

	@Test
	void aStartedLearnerIsPromotedOnceItCaughtUp(@TempDir Path dataDirectory) throws Exception {
		try (EtcdClient client = client()) {
			int peerPort = freePort();
			int clientPort = freePort();
			String peerUrl = "http://127.0.0.1:" + peerPort;
			String initialCluster = client.cluster()
				.members()
				.stream()
				.map((member) -> member.name() + "=" + member.peerUrls().get(0))
				.collect(Collectors.joining(",")) + ",learner=" + peerUrl;
			Member learner = await().atMost(Duration.ofSeconds(20))
				.ignoreException(EtcdUnavailableException.class)
				.until(() -> client.cluster().addMember(List.of(peerUrl), true), (added) -> true);
			Process process = new ProcessBuilder(EtcdBinary.locate().toString(), "--name", "learner", "--data-dir",
					dataDirectory.resolve("data").toString(), "--listen-peer-urls", peerUrl,
					"--initial-advertise-peer-urls", peerUrl, "--listen-client-urls", "http://127.0.0.1:" + clientPort,
					"--advertise-client-urls", "http://127.0.0.1:" + clientPort, "--initial-cluster", initialCluster,
					"--initial-cluster-state", "existing")
				.redirectErrorStream(true)
				.redirectOutput(dataDirectory.resolve("learner.log").toFile())
				.start();
			try {
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptionsInstanceOf(EtcdException.class)
					.untilAsserted(() -> client.cluster().promoteMember(learner.id()));
				assertThat(client.cluster().members()).filteredOn((member) -> member.id() == learner.id())
					.singleElement()
					.satisfies((member) -> assertThat(member.learner()).as("promoted to a voting member").isFalse());
			}
			finally {
				await().atMost(Duration.ofSeconds(20))
					.ignoreException(EtcdUnavailableException.class)
					.untilAsserted(() -> client.cluster().removeMember(learner.id()));
				process.destroy();
				if (!process.waitFor(20, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			assertThat(client.cluster().members()).hasSize(3);
		}
	}

	@Test
	void badMemberChangesFailBeforeAnythingIsSent() {
		try (EtcdClient client = client()) {
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> client.cluster().addMember(List.of(), true))
				.withMessageContaining("peer URL");
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> client.cluster().removeMember(42))
				.satisfies((ex) -> assertThat(ex.etcdMessage()).contains("member not found"));
		}
	}

	@Test
	void authStatusSaysAuthenticationIsDisabled() {
		try (EtcdClient client = client()) {
			assertThat(client.auth().isEnabled()).isFalse();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static EtcdClient client() {
		return EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	private static String etcdctl(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("etcdctl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
