package dev.etcdboot.client.template;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.exception.EtcdKeyExistsException;
import dev.etcdboot.client.exception.EtcdKeyNotFoundException;
import dev.etcdboot.client.exception.V2ErrorCode;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.test.EtcdExtension;

import static dev.etcdboot.client.template.KeyErrors.assertKeyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Values with a time-to-live, through leases.
 */
class TimeToLiveTests extends TemplateTestSupport {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	@Override
	protected EtcdExtension etcd() {
		return etcd;
	}

	@Test
	void aValueWithATimeToLiveShowsItAndDisappears() {
		Instant before = Instant.now();
		EtcdResponse written = this.template.set("/session", "s", Duration.ofSeconds(2));
		assertThat(this.sent.take()).containsExactly("lease/grant", "kv/txn");
		assertThat(written.node().ttl()).isEqualTo(2);
		assertThat(written.node().expiration()).isBetween(before.plusSeconds(2), Instant.now().plusSeconds(2));
		EtcdNode read = this.template.get("/session").node();
		assertThat(this.sent.take()).containsExactly("kv/txn", "lease/timetolive");
		assertThat(read.ttl()).as("seconds left, 0 on a machine slow enough").isBetween(0L, 2L);
		assertThat(read.expiration()).isBefore(Instant.now().plusSeconds(3));
		await().atMost(Duration.ofSeconds(15))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> catchThrowable(() -> this.template.get("/session")) instanceof EtcdKeyNotFoundException);
	}

	@Test
	void createWithATimeToLiveIsPutIfAbsent() {
		EtcdResponse created = this.template.create("/once", "1", Duration.ofSeconds(30));
		assertThat(created.action()).isEqualTo(EtcdAction.CREATE);
		assertThat(created.node().ttl()).isEqualTo(30);
		assertThatExceptionOfType(EtcdKeyExistsException.class)
			.isThrownBy(() -> this.template.create("/once", "2", Duration.ofSeconds(30)));
		assertThat(this.template.get("/once").node().value()).isEqualTo("1");
	}

	@Test
	void refreshGivesANewTimeToLiveAndKeepsTheValue() {
		EtcdResponse written = this.template.set("/r", "kept", Duration.ofSeconds(2));
		EtcdResponse refreshed = this.template.refresh("/r", Duration.ofSeconds(60));
		assertThat(refreshed.action()).isEqualTo(EtcdAction.UPDATE);
		assertThat(refreshed.node().value()).isEqualTo("kept");
		assertThat(refreshed.node().ttl()).isEqualTo(60);
		assertThat(refreshed.node().createdIndex()).isEqualTo(written.node().createdIndex());
		assertThat(refreshed.prevNode().value()).isEqualTo("kept");
		assertThat(this.template.get("/r").node().ttl()).as("the new lease's").isGreaterThan(30);
		assertThatExceptionOfType(EtcdKeyNotFoundException.class)
			.isThrownBy(() -> this.template.refresh("/none", Duration.ofSeconds(5)));
		this.template.mkdir("/dir");
		assertKeyError(V2ErrorCode.NOT_A_FILE, () -> this.template.refresh("/dir", Duration.ofSeconds(5)));
	}

	@Test
	void aWriteWithoutTimeToLiveRemovesIt() {
		this.template.set("/k", "1", Duration.ofSeconds(30));
		this.template.set("/k", "2");
		this.sent.take();
		EtcdNode read = this.template.get("/k").node();
		assertThat(this.sent.take()).as("no lease look-up for a key without lease").containsExactly("kv/txn");
		assertThat(read.ttl()).isZero();
		assertThat(read.expiration()).isNull();
	}

	@Test
	void treesLookUpTheLeasesOfTheirValuesOnly() {
		this.template.set("/t/leased", "1", Duration.ofSeconds(30));
		this.template.set("/t/plain", "2");
		this.template.set("/t/sub/leased", "3", Duration.ofSeconds(30));
		this.sent.take();
		EtcdNode oneLevel = this.template.get("/t").node();
		assertThat(this.sent.take()).containsExactly("kv/txn", "lease/timetolive");
		assertThat(oneLevel.nodes().get(0).ttl()).isBetween(20L, 30L);
		assertThat(oneLevel.nodes()).extracting(EtcdNode::ttl).endsWith(0L, 0L);
		EtcdNode tree = this.template.getRecursive("/t").node();
		assertThat(this.sent.take()).containsExactly("kv/txn", "lease/timetolive", "lease/timetolive");
		assertThat(tree.nodes().get(0).ttl()).isBetween(20L, 30L);
		assertThat(tree.nodes().get(1).ttl()).isZero();
		assertThat(tree.nodes().get(2).nodes()).extracting(EtcdNode::ttl).allMatch((ttl) -> ttl >= 20);
	}

	@Test
	void aTimeToLiveIsAtLeastOneSecondAndRoundedUp() {
		for (Duration tooShort : List.of(Duration.ZERO, Duration.ofMillis(999), Duration.ofSeconds(-1))) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.template.set("/k", "v", tooShort))
				.withMessage("TTL of '/k' must be at least 1 second, was " + tooShort);
		}
		assertThat(this.sent.take()).isEmpty();
		assertThat(this.template.set("/k", "v", Duration.ofMillis(2100)).node().ttl()).isEqualTo(3);
	}

}
