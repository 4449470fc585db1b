package dev.etcdboot.client.lease;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lease keep-alive on a cluster of three when members hang (paused: they accept
 * connections and never answer) while the request timeout is far longer than the lease's
 * TTL: a hung member serving the keep-alives costs no lease, not even two of them; when
 * every member hangs, the loss is reported by the time etcd may have expired the lease,
 * not when the hung calls time out.
 */
class LeaseKeepAliveHungMemberTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	@Test
	void aHungServingMemberCostsNoLease() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember serving = follower(cluster);
		try (EtcdClient client = clientPreferring(cluster, serving);
				EtcdClient observer = clientAvoiding(cluster, serving)) {
			Recorder recorder = new Recorder();
			long leaseId = client.lease().grant(TTL).id();
			try (LeaseKeepAlive keepAlive = client.lease().keepAlive(leaseId, recorder)) {
				serving.pause();
				recorder.awaitRefreshesForLongerThanTheTtl();
				assertThat(recorder.losses).isEmpty();
				assertThat(keepAlive.isActive()).isTrue();
				assertThat(observer.lease().timeToLive(leaseId, false).ttl()).isPositive();
			}
		}
	}

	@Test
	void twoLeasesBothLiveThroughOneHungMember() {
		EtcdCluster cluster = etcd.cluster();
		EtcdMember serving = follower(cluster);
		try (EtcdClient client = clientPreferring(cluster, serving);
				EtcdClient observer = clientAvoiding(cluster, serving)) {
			Recorder first = new Recorder();
			Recorder second = new Recorder();
			long firstId = client.lease().grant(TTL).id();
			long secondId = client.lease().grant(TTL).id();
			try (LeaseKeepAlive one = client.lease().keepAlive(firstId, first);
					LeaseKeepAlive two = client.lease().keepAlive(secondId, second)) {
				serving.pause();
				first.awaitRefreshesForLongerThanTheTtl();
				second.awaitRefreshesForLongerThanTheTtl();
				assertThat(first.losses).isEmpty();
				assertThat(second.losses).isEmpty();
				assertThat(observer.lease().timeToLive(firstId, false).ttl()).isPositive();
				assertThat(observer.lease().timeToLive(secondId, false).ttl()).isPositive();
			}
		}
	}

	@Test
	void everyMemberHungIsReportedUnreachableOnceByTheLeasesDeadline() {
		EtcdCluster cluster = etcd.cluster();
		try (EtcdClient client = clientPreferring(cluster, follower(cluster))) {
			Recorder recorder = new Recorder();
			long leaseId = client.lease().grant(TTL).id();
			try (LeaseKeepAlive keepAlive = client.lease().keepAlive(leaseId, recorder)) {
				await().atMost(TTL).until(() -> recorder.refreshes.get() >= 2);
				cluster.members().forEach(EtcdMember::pause);
				long pausedAt = System.nanoTime();
				// the last answered keep-alive was sent before it was answered: etcd may
				// expire the lease from
				// then on plus its TTL; a little slack for the timer
				long latest = Math.min(recorder.lastAnswer.get(), pausedAt) + TTL.toNanos()
						+ Duration.ofMillis(300).toNanos();
				await().atMost(Duration.ofNanos(latest - System.nanoTime())).until(() -> !recorder.losses.isEmpty());
				assertThat(recorder.losses).containsExactly(LeaseListener.Loss.UNREACHABLE);
				assertThat(keepAlive.isActive()).isFalse();
				cluster.members().forEach(EtcdMember::resume);
				await().during(Duration.ofSeconds(1))
					.atMost(Duration.ofSeconds(2))
					.until(() -> recorder.losses.size() == 1);
			}
		}
	}

	/** A follower, so that pausing it costs no election. */
	private static EtcdMember follower(EtcdCluster cluster) {
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(30));
		return cluster.members().stream().filter((member) -> member != leader).findFirst().orElseThrow();
	}

	private static EtcdClient clientPreferring(EtcdCluster cluster, EtcdMember preferred) {
		List<String> endpoints = new ArrayList<>();
		endpoints.add(preferred.clientEndpoint());
		cluster.members()
			.stream()
			.filter((member) -> member != preferred)
			.forEach((member) -> endpoints.add(member.clientEndpoint()));
		return client(endpoints);
	}

	private static EtcdClient clientAvoiding(EtcdCluster cluster, EtcdMember avoided) {
		return client(cluster.members()
			.stream()
			.filter((member) -> member != avoided)
			.map(EtcdMember::clientEndpoint)
			.toList());
	}

	private static EtcdClient client(List<String> endpoints) {
		return EtcdClient.builder()
			.endpoints(endpoints)
			.requestTimeout(REQUEST_TIMEOUT)
			.callTimeout(REQUEST_TIMEOUT.multipliedBy(2))
			.build();
	}

	private static final class Recorder implements LeaseListener {

		private final List<Loss> losses = new CopyOnWriteArrayList<>();

		private final AtomicInteger refreshes = new AtomicInteger();

		private final AtomicLong lastAnswer = new AtomicLong(System.nanoTime());

		@Override
		public void onLost(long leaseId, Loss loss, EtcdException cause) {
			this.losses.add(loss);
		}

		@Override
		public void onKeepAlive(long leaseId, long ttlSeconds) {
			this.lastAnswer.set(System.nanoTime());
			this.refreshes.incrementAndGet();
		}

		/**
		 * Wait until keep-alives were answered for longer than the TTL, or the lease was
		 * lost.
		 */
		void awaitRefreshesForLongerThanTheTtl() {
			long start = System.nanoTime();
			int target = this.refreshes.get() + 4;
			await().atMost(TTL.multipliedBy(3))
				.until(() -> !this.losses.isEmpty() || (this.refreshes.get() >= target
						&& System.nanoTime() - start > TTL.plusMillis(500).toNanos()));
		}

	}

}
