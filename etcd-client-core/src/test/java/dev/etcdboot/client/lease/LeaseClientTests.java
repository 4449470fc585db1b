package dev.etcdboot.client.lease;

import java.time.Duration;

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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Lease grant, time-to-live, keep-alive, listing and revoke against a real etcd member.
 */
class LeaseClientTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

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
	void grantedLeaseIsListedAndReportsItsKeys() {
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(60));
		assertThat(grant.id()).isNotZero();
		assertThat(grant.ttl()).isEqualTo(60);
		this.client.kv().put("/leased", "v".getBytes(), PutOptions.withLease(grant.id()));
		LeaseTimeToLive ttl = this.client.lease().timeToLive(grant.id(), true);
		assertThat(ttl.grantedTtl()).isEqualTo(60);
		assertThat(ttl.ttl()).isBetween(1L, 60L);
		assertThat(ttl.keysAsStrings()).containsExactly("/leased");
		assertThat(this.client.lease().leases()).contains(grant.id());
		assertThat(this.client.lease().keepAliveOnce(grant.id())).isEqualTo(60);
	}

	@Test
	void revokeDeletesAttachedKeys() {
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(60));
		this.client.kv().put("/gone", "v".getBytes(), PutOptions.withLease(grant.id()));
		this.client.lease().revoke(grant.id());
		assertThat(this.client.kv().get("/gone").kvs()).isEmpty();
		assertThat(this.client.lease().timeToLive(grant.id(), false).ttl()).isEqualTo(-1);
		assertThatExceptionOfType(EtcdLeaseNotFoundException.class)
			.isThrownBy(() -> this.client.lease().revoke(grant.id()))
			.withMessageContaining("lease not found");
	}

	@Test
	void keyExpiresWithItsLease() {
		LeaseGrant grant = this.client.lease().grant(Duration.ofSeconds(1));
		this.client.kv().put("/short", "v".getBytes(), PutOptions.withLease(grant.id()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.client.kv().get("/short").kvs().isEmpty());
		assertThat(this.client.lease().keepAliveOnce(grant.id())).isLessThanOrEqualTo(0);
	}

	@Test
	void putWithUnknownLeaseFails() {
		assertThatExceptionOfType(EtcdLeaseNotFoundException.class)
			.isThrownBy(() -> this.client.kv().put("/k", "v".getBytes(), PutOptions.withLease(123456789L)));
		assertThat(this.client.kv().get("/k").kvs()).isEmpty();
	}

	@Test
	void ttlBelowOneSecondIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.lease().grant(Duration.ofMillis(500)))
			.withMessageContaining("PT0.5S");
	}

}
