package dev.etcdboot.client.lease;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.support.TestClients;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Lease keep-alive against a real etcd member: a short lease outlives its TTL, and its
 * loss is reported explicitly whether etcd dropped it or could not be reached.
 */
class LeaseKeepAliveTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private final List<String> losses = new CopyOnWriteArrayList<>();

	private final AtomicInteger refreshes = new AtomicInteger();

	private final LeaseListener listener = new LeaseListener() {

		@Override
		public void onLost(long leaseId, Loss loss, dev.etcdboot.client.exception.EtcdException cause) {
			LeaseKeepAliveTests.this.losses.add(loss + ((cause != null) ? " after failure" : ""));
		}

		@Override
		public void onKeepAlive(long leaseId, long ttlSeconds) {
			LeaseKeepAliveTests.this.refreshes.incrementAndGet();
		}

	};

	private EtcdClient client;

	@BeforeEach
	void connect() {
		this.client = TestClients.client(etcd);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void keyWithShortLeaseOutlivesItsTtl() {
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(2));
		this.client.kv().put("/ttl/key", "v".getBytes(), PutOptions.withLease(grant.id()));
		try (LeaseKeepAlive keepAlive = this.client.lease().keepAlive(grant.id(), this.listener)) {
			// six refreshes a quarter of the TTL apart, the first at once: the key has
			// outlived its TTL
			await().atMost(Duration.ofSeconds(60)).until(() -> this.refreshes.get() >= 6);
			assertThat(keepAlive.isActive()).isTrue();
			assertThat(this.client.kv().get("/ttl/key").kvs()).hasSize(1);
			assertThat(this.losses).isEmpty();
		}
	}

	@Test
	void revokedLeaseIsReportedLost() {
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(3));
		LeaseKeepAlive keepAlive = this.client.lease().keepAlive(grant.id(), this.listener);
		this.client.lease().revoke(grant.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.losses.isEmpty());
		assertThat(this.losses).containsExactly("EXPIRED");
		assertThat(keepAlive.isActive()).isFalse();
	}

	@Test
	void unreachableEtcdPastTheTtlIsReportedLost() {
		try (EtcdClient impatient = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(1))
			.callTimeout(Duration.ofSeconds(2))
			.build()) {
			LeaseGrant grant = impatient.lease().grant(Duration.ofSeconds(3));
			LeaseKeepAlive keepAlive = impatient.lease().keepAlive(grant.id(), this.listener);
			etcd.cluster().members().get(0).kill();
			await().atMost(Duration.ofSeconds(30)).until(() -> !this.losses.isEmpty());
			assertThat(this.losses).containsExactly("UNREACHABLE after failure");
			assertThat(keepAlive.isActive()).isFalse();
		}
	}

	@Test
	void closingStopsTheRefreshesWithoutReportingALoss() {
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(2));
		LeaseKeepAlive keepAlive = this.client.lease().keepAlive(grant.id(), this.listener);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.refreshes.get() >= 2);
		keepAlive.close();
		assertThat(keepAlive.isActive()).isFalse();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.client.lease().timeToLive(grant.id(), false).ttl() <= 0);
		int refreshed = this.refreshes.get();
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.refreshes.get() == refreshed);
		assertThat(this.losses).isEmpty();
	}

	@Test
	void keepingAliveAnUnknownLeaseFails() {
		assertThatExceptionOfType(EtcdLeaseNotFoundException.class)
			.isThrownBy(() -> this.client.lease().keepAlive(123456789L, this.listener));
	}

}
