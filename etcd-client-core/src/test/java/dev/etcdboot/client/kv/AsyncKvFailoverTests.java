package dev.etcdboot.client.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asynchronous calls on a cluster of three when the member the client uses is killed:
 * they fail over to another member as blocking calls do. The client knows the two
 * followers only, so that the writes need no new election (a write sent while the cluster
 * has no leader may end with an unknown outcome, which is another test's subject).
 */
class AsyncKvFailoverTests {

	private static final int IN_FLIGHT = 64;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void callsInFlightMoveToAnotherMemberWhenTheirsIsKilled() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(30));
		List<String> followers = cluster.members()
			.stream()
			.filter((member) -> member != leader)
			.map(EtcdMember::clientEndpoint)
			.toList();
		try (EtcdClient client = TestClients.builder(followers, etcd).callTimeout(Duration.ofSeconds(60)).build()) {
			AsyncKvClient async = client.kv().async();
			TestClients.putWhileElecting(client, "/failover/before", "1");
			long serving = async.get("/failover/before").join().header().memberId();
			EtcdMember killed = member(client, cluster, serving);
			killed.kill();
			try {
				List<CompletableFuture<PutResult>> puts = new ArrayList<>();
				List<CompletableFuture<GetResult>> gets = new ArrayList<>();
				for (int i = 0; i < IN_FLIGHT; i++) {
					puts.add(async.put("/failover/" + i, "v" + i));
					gets.add(async.get("/failover/before", GetOptions.builder().serializable().build()));
				}
				for (int i = 0; i < IN_FLIGHT; i++) {
					assertThat(puts.get(i).join().header().revision()).isPositive();
					GetResult read = gets.get(i).join();
					assertThat(read.first().orElseThrow().valueAsString()).isEqualTo("1");
					assertThat(read.header().memberId()).isNotEqualTo(serving);
				}
				GetResult all = async.get("/failover/", GetOptions.PREFIX).join();
				assertThat(all.kvs()).hasSize(IN_FLIGHT + 1);
			}
			finally {
				cluster.heal();
			}
		}
	}

	private static EtcdMember member(EtcdClient client, EtcdCluster cluster, long id) {
		String name = client.cluster()
			.members()
			.stream()
			.filter((candidate) -> candidate.id() == id)
			.findFirst()
			.orElseThrow()
			.name();
		return cluster.members().stream().filter((member) -> member.name().equals(name)).findFirst().orElseThrow();
	}

}
