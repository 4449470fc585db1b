package dev.etcdboot.client.maintenance;

import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.cluster.Member;
import dev.etcdboot.client.observation.DefaultEtcdObservationConvention;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Member list, member status, alarms and observations against a real three-member
 * cluster.
 */
class ClusterAndMaintenanceTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void listsEveryMemberWithUnsignedIds() {
		try (EtcdClient client = TestClients.client(etcd)) {
			List<Member> members = client.cluster().members();
			assertThat(members).hasSize(3);
			assertThat(members).flatExtracting(Member::clientUrls)
				.containsExactlyInAnyOrderElementsOf(etcd.endpoints());
			assertThat(members).extracting(Member::id).doesNotHaveDuplicates().doesNotContain(0L);
		}
	}

	@Test
	void eachMemberReportsTheSameLeader() {
		try (EtcdClient client = TestClients.client(etcd)) {
			List<MemberStatus> statuses = client.endpoints()
				.stream()
				.map((endpoint) -> client.maintenance().status(endpoint))
				.toList();
			assertThat(statuses).extracting(MemberStatus::leader).containsOnly(statuses.get(0).leader());
			assertThat(statuses).filteredOn(MemberStatus::isLeader).hasSize(1);
			assertThat(statuses).allSatisfy((status) -> {
				assertThat(status.version()).startsWith("3.");
				assertThat(status.dbSize()).isPositive();
			});
			MemberStatus leader = statuses.stream().filter(MemberStatus::isLeader).findFirst().orElseThrow();
			Endpoint leaderEndpoint = client.endpoints().get(statuses.indexOf(leader));
			assertThat(leaderEndpoint.toString()).isEqualTo(etcd.cluster().leader().orElseThrow().clientEndpoint());
			assertThat(client.maintenance().alarms()).isEmpty();
		}
	}

	@Test
	void everyCallIsObservedWithLowCardinalityTags() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.observationRegistry(registry)
			.build()) {
			client.kv().put("/observed", "v");
			TestObservationRegistryAssert.assertThat(registry)
				.hasObservationWithNameEqualTo(DefaultEtcdObservationConvention.NAME)
				.that()
				.hasLowCardinalityKeyValue("db.system", "etcd")
				.hasLowCardinalityKeyValue("db.operation", "kv/put")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasHighCardinalityKeyValue("db.etcd.key", "/observed")
				.hasBeenStarted()
				.hasBeenStopped();
		}
	}

}
