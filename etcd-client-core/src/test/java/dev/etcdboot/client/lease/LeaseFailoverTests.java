package dev.etcdboot.client.lease;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lease keep-alive on a cluster of three: the member serving the refreshes hangs, the
 * leader crashes, the serving member restarts, and the lease lives on; a quorum loss
 * longer than the lease's TTL is reported as a loss, explicitly and once, and the client
 * works again when the cluster does. A lease is never lost silently.
 */
class LeaseFailoverTests {

	private static final Duration TTL = Duration.ofSeconds(10);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final List<String> losses = new CopyOnWriteArrayList<>();

	private final AtomicInteger refreshes = new AtomicInteger();

	private final LeaseListener listener = new LeaseListener() {

		@Override
		public void onLost(long leaseId, Loss loss, EtcdException cause) {
			LeaseFailoverTests.this.losses.add(loss.name());
		}

		@Override
		public void onKeepAlive(long leaseId, long ttlSeconds) {
			LeaseFailoverTests.this.refreshes.incrementAndGet();
		}

	};

	@Test
	void leaseOutlivesAHungServingMemberALeaderCrashAndARestart() {
		EtcdCluster cluster = etcd.cluster();
		try (EtcdClient client = client(); EtcdClient observer = client()) {
			LeaseGrant grant = client.lease().grant(TTL);
			client.kv().put("/leased/key", "v".getBytes(), PutOptions.withLease(grant.id()));
			try (LeaseKeepAlive keepAlive = client.lease().keepAlive(grant.id(), this.listener)) {
				// each fault lasts longer than the refresh interval (a quarter of the
				// TTL), shorter than the TTL
				EtcdMember serving = serving(cluster, client);
				serving.pause();
				awaitRefreshes(2);
				serving.resume();
				cluster.awaitLeader(Duration.ofSeconds(30)).kill();
				awaitRefreshes(2);
				cluster.heal();
				serving(cluster, client).restart();
				awaitRefreshes(2);
				assertThat(this.losses).isEmpty();
				assertThat(keepAlive.isActive()).isTrue();
				assertThat(observer.lease().timeToLive(grant.id(), false).ttl()).isPositive();
				assertThat(observer.kv().get("/leased/key").kvs()).as("the leased key outlived every fault").hasSize(1);
			}
		}
	}

	@Test
	void quorumLossLongerThanTheTtlIsReportedOnceAndTheClientRecovers() {
		EtcdCluster cluster = etcd.cluster();
		Duration ttl = Duration.ofSeconds(3);
		try (EtcdClient client = client()) {
			LeaseGrant grant = client.lease().grant(ttl);
			LeaseKeepAlive keepAlive = client.lease().keepAlive(grant.id(), this.listener);
			List<EtcdMember> members = cluster.members();
			members.get(1).kill();
			members.get(2).kill();
			long start = System.nanoTime();
			// the loss is reported at the lease's deadline: a TTL (less a tenth) after
			// the send of the last answered
			// refresh, which went out at most a quarter of the TTL before the kill; not
			// at the first failed refresh
			await().atMost(ttl.plus(CALL_TIMEOUT).plusSeconds(10)).until(() -> !this.losses.isEmpty());
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(ttl.dividedBy(2));
			assertThat(keepAlive.isActive()).isFalse();
			cluster.heal();
			await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(EtcdException.class).until(() -> {
				LeaseGrant again = client.lease().grant(ttl);
				client.lease()
					.keepAlive(again.id(), (leaseId, loss, cause) -> this.losses.add("second " + loss))
					.close();
				return true;
			});
			assertThat(this.losses).containsExactly("UNREACHABLE");
		}
	}

	private void awaitRefreshes(int count) {
		int target = this.refreshes.get() + count;
		await().atMost(TTL.multipliedBy(3)).until(() -> this.refreshes.get() >= target || !this.losses.isEmpty());
		assertThat(this.losses).as("no loss during a fault shorter than the TTL").isEmpty();
	}

	/** The member the client's next call goes to. */
	private static EtcdMember serving(EtcdCluster cluster, EtcdClient client) {
		Endpoint next = ClientInternals.transport(client).endpoints().select(Set.of());
		return cluster.members()
			.stream()
			.filter((member) -> member.clientEndpoint().equals(next.toString()))
			.findFirst()
			.orElseThrow();
	}

	private static EtcdClient client() {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(1))
			.callTimeout(CALL_TIMEOUT)
			.build();
	}

}
