package dev.etcdboot.test;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final TestHttp http = new TestHttp();

	@Test
	void threeMembersWithALeader() {
		EtcdCluster cluster = etcd.cluster();
		assertThat(cluster.members()).extracting(EtcdMember::name).containsExactly("member-0", "member-1", "member-2");
		assertThat(cluster.endpoints()).hasSize(3).doesNotHaveDuplicates();
		assertThat(cluster.endpointsAsString()).isEqualTo(String.join(",", cluster.endpoints()));
		assertThat(cluster.members()).allMatch(EtcdMember::isHealthy);
		assertThat(cluster.awaitLeader(Duration.ofSeconds(5))).isIn(cluster.members());
	}

	@Test
	void killingTheLeaderElectsAnotherAndRestartBringsItBack() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember oldLeader = cluster.awaitLeader(Duration.ofSeconds(5));
		oldLeader.kill();
		assertThat(oldLeader.isRunning()).isFalse();
		EtcdMember newLeader = await().atMost(Duration.ofSeconds(10))
			.until(() -> cluster.leader().orElse(null), (leader) -> leader != null && leader != oldLeader);
		assertThat(newLeader.isHealthy()).isTrue();
		this.http.put(newLeader.clientEndpoint(), "/written-while-down", "v", null);

		oldLeader.restart();
		assertThat(oldLeader.isRunning()).isTrue();
		assertThat(oldLeader.isHealthy()).isTrue();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(
					() -> assertThat(this.http.get(oldLeader.clientEndpoint(), "/written-while-down", null).body())
						.contains(TestHttp.b64("v")));
	}

	@Test
	void healRestartsKilledAndResumesPausedMembers() {
		EtcdCluster cluster = etcd.cluster();
		List<EtcdMember> members = cluster.members();
		members.get(0).kill();
		members.get(1).pause();
		// quorum is lost now; heal restarts member-0 and resumes member-1 together
		cluster.heal();
		assertThat(members).allMatch(EtcdMember::isRunning)
			.noneMatch(EtcdMember::isPaused)
			.allMatch(EtcdMember::isHealthy);
		assertThat(cluster.leader()).isPresent();
	}

	@Test
	void stopAndRestartKeepTheData() throws Exception {
		EtcdMember member = etcd.cluster().members().get(2);
		this.http.put(member.clientEndpoint(), "/kept", "yes", null);
		long oldPid = member.pid();
		member.stop();
		assertThat(member.isRunning()).isFalse();
		member.restart();
		assertThat(member.pid()).isNotEqualTo(oldPid);
		assertThat(this.http.get(member.clientEndpoint(), "/kept", null).body()).contains(TestHttp.b64("yes"));
	}

}
