package dev.etcdboot.test;

import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A cluster of three in network namespaces: where its members live, what each network
 * fault does to the packets between them and the test JVM, and that nothing is left
 * behind.
 */
class EtcdNetworkTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().members(3).networkNamespaces(true).build();

	private final TestHttp http = new TestHttp(Duration.ofSeconds(2));

	@Test
	void membersLiveInTheirOwnNamespacesOnANetworkThatRoutesNowhereElse() {
		EtcdNetwork network = etcd.network();
		List<EtcdMember> members = etcd.cluster().members();
		String prefix = network.subnet().replace("0/24", "");
		assertThat(network.subnet()).startsWith("10.213.").endsWith(".0/24");
		assertThat(members).extracting(EtcdMember::address)
			.doesNotHaveDuplicates()
			.allMatch((a) -> a.startsWith(prefix));
		assertThat(members).allMatch(EtcdMember::isHealthy);
		for (int i = 0; i < members.size(); i++) {
			String namespace = network.memberNamespace(i);
			assertThat(Commands.run("ip", "netns", "identify", Long.toString(members.get(i).pid())))
				.isEqualTo(namespace);
			assertThat(Commands.run("ip", "-n", namespace, "-4", "route", "show", "table", "all")
				.lines()
				.filter((route) -> !route.startsWith("local ") && !route.startsWith("broadcast "))).containsExactly(
						network.subnet() + " dev eth0 proto kernel scope link src " + members.get(i).address() + " ");
			assertThat(Commands.attempt("ip", "-n", namespace, "route", "get", "192.0.2.1").output())
				.contains("Network is unreachable");
		}
		assertThat(Commands.run("ip", "-4", "route", "show", "table", "all", "dev", network.hostLink())
			.lines()
			.filter((route) -> !route.startsWith("local ") && !route.startsWith("broadcast ")))
			.containsExactly(network.subnet() + " proto kernel scope link src " + network.client().address() + " ");
	}

	@Test
	void isolatedMemberLosesItsLeaderWhileTheOthersGoOnAndHealBringsItBack() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(10));
		EtcdMember isolated = cluster.members().stream().filter((member) -> member != leader).findFirst().orElseThrow();
		cluster.network().isolate(isolated);
		assertThat(this.http.put(leader.clientEndpoint(), "/during", "1", null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.http.post(isolated.clientEndpoint(), "/v3/maintenance/status", "{}").body())
						.doesNotContain("\"leader\":\"" + memberId(leader) + "\""));
		assertThat(answersLinearizableRead(isolated)).as("a linearizable read needs the leader").isFalse();
		cluster.heal();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.http.get(isolated.clientEndpoint(), "/during", null).body())
				.contains(TestHttp.b64("1")));
	}

	@Test
	void blackHoleFromTheClientLosesRequestsAndTheOtherWayLosesAnswers() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		EtcdNetwork network = cluster.network();
		EtcdMember target = cluster.members().get(0);
		EtcdMember witness = cluster.members().get(1);
		// open a connection first: requests then travel on it, and no connection attempt
		// is involved
		assertThat(this.http.put(target.clientEndpoint(), "/warm", "1", null).statusCode()).isEqualTo(200);

		network.blackhole(network.client(), target);
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> this.http.put(target.clientEndpoint(), "/lost", "1", null));
		assertThat(this.http.get(witness.clientEndpoint(), "/lost", null).body()).doesNotContain("\"kvs\"");
		assertThat(this.http.put(witness.clientEndpoint(), "/unaffected", "1", null).statusCode()).isEqualTo(200);
		network.heal();

		assertThat(this.http.put(target.clientEndpoint(), "/warm", "2", null).statusCode()).isEqualTo(200);
		network.blackhole(target, network.client());
		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> this.http.put(target.clientEndpoint(), "/applied", "1", null));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.http.get(witness.clientEndpoint(), "/applied", null).body())
				.contains(TestHttp.b64("1")));
		network.heal();
		assertThat(target.isHealthy()).isTrue();
	}

	@Test
	void throttledMemberTricklesItsAnswersUntilHealed() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember throttled = cluster.members().get(2);
		String large = "x".repeat(64 * 1024);
		assertThat(this.http.put(cluster.members().get(0).clientEndpoint(), "/large", large, null).statusCode())
			.isEqualTo(200);
		cluster.network().throttle(throttled, 4_000);
		assertThatExceptionOfType(TimeoutException.class).as("87 KB of JSON at 4 KB/s take over 20 s")
			.isThrownBy(() -> this.http.bodyWithin(throttled.clientEndpoint(), "/large", Duration.ofSeconds(2)));
		// a throttled link slows raft too: the cluster may elect a new leader meanwhile
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(
					this.http.bodyWithin(cluster.members().get(0).clientEndpoint(), "/large", Duration.ofSeconds(2)))
				.contains(TestHttp.b64(large)));
		cluster.network().heal();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(this.http.bodyWithin(throttled.clientEndpoint(), "/large", Duration.ofSeconds(2)))
						.contains(TestHttp.b64(large)));
	}

	@Test
	void faultsRefuseHostsOfOtherNetworksAndIncompletePartitions() {
		EtcdNetwork network = etcd.network();
		List<EtcdMember> members = etcd.cluster().members();
		assertThatIllegalArgumentException().isThrownBy(() -> network.partition(List.of(members.get(0))))
			.withMessageContaining("at least two groups");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> network.partition(List.of(members.get(0)), List.of(members.get(1))))
			.withMessageContaining("Every member must be in a group");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> network.partition(List.of(members.get(0), members.get(1)),
					List.of(members.get(1), members.get(2))))
			.withMessageContaining("member-1 is in more than one group");
		assertThatIllegalArgumentException().isThrownBy(() -> network.blackhole(members.get(0), members.get(0)))
			.withMessageContaining("two different hosts");
		assertThatIllegalArgumentException().isThrownBy(() -> network.throttle(members.get(0), 0))
			.withMessageContaining("at least 1 byte per second");
		try (EtcdCluster loopback = EtcdCluster.builder().start()) {
			assertThatIllegalArgumentException().isThrownBy(() -> network.isolate(loopback.members().get(0)))
				.withMessageContaining("is not a member of the network " + network.subnet());
			assertThat(loopback.members().get(0).address()).isEqualTo("127.0.0.1");
			assertThatIllegalStateException().isThrownBy(loopback::network)
				.withMessageContaining("networkNamespaces(true)");
		}
	}

	@Test
	void closeRemovesEverythingAndTheNextNetworkSweepsAwayWhatADeadJvmLeft() throws Exception {
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		String stale = NetworkTopology.PREFIX + gone.pid() + "-0";
		Commands.run("ip", "netns", "add", stale + "-bridge");
		Commands.run("ip", "link", "add", stale, "type", "veth", "peer", "name", "host", "netns", stale + "-bridge");
		Commands.run("ip", "link", "add", stale + "-9", "type", "veth", "peer", "name", stale + "-9p");
		List<String> namespaces;
		String hostLink;
		try (EtcdCluster cluster = EtcdCluster.builder().networkNamespaces(true).start()) {
			assertThat(NetworkTopology.namespaces()).doesNotContain(stale + "-bridge");
			assertThat(NetworkTopology.links()).doesNotContain(stale, stale + "-9");
			hostLink = cluster.network().hostLink();
			// this cluster's own, whatever other test JVMs on the machine hold at the
			// same time
			String own = hostLink + "-";
			namespaces = NetworkTopology.namespaces().stream().filter((name) -> name.startsWith(own)).toList();
			assertThat(namespaces).hasSize(2).allMatch(NetworkTopology::isOurs);
			assertThat(NetworkTopology.links()).contains(hostLink);
		}
		assertThat(NetworkTopology.namespaces()).doesNotContainAnyElementsOf(namespaces);
		assertThat(NetworkTopology.links()).doesNotContain(hostLink);
	}

	@Test
	void aJvmThatExitsWithoutClosingItsClusterLeavesNothingBehind() throws Exception {
		Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), ExitWithoutClosing.class.getName())
			.redirectErrorStream(true)
			.start();
		String output;
		try {
			assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exits").isTrue();
			output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		finally {
			child.destroyForcibly();
		}
		assertThat(child.exitValue()).as(output).isEqualTo(1);
		List<String> names = output.lines().filter(NetworkTopology::isOurs).toList();
		assertThat(names).as(output).hasSize(3);
		assertThat(NetworkTopology.namespaces()).doesNotContainAnyElementsOf(names);
		assertThat(NetworkTopology.links()).doesNotContainAnyElementsOf(names);
	}

	private boolean answersLinearizableRead(EtcdMember member) throws Exception {
		try {
			return this.http.get(member.clientEndpoint(), "/during", null).statusCode() == 200;
		}
		catch (HttpTimeoutException ex) {
			return false;
		}
	}

	private String memberId(EtcdMember member) throws Exception {
		String body = this.http.post(member.clientEndpoint(), "/v3/maintenance/status", "{}").body();
		return Json.stringField(body, "member_id").orElseThrow();
	}

}
