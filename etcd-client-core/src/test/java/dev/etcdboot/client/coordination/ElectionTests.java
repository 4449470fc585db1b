package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.test.EtcdExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Elections against a real etcd member: campaign, proclaim, resign, observe, and the loss
 * of leadership.
 */
class ElectionTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.singleMember();

	private EtcdClient client;

	private EtcdClient other;

	@BeforeEach
	void connect() {
		this.client = EtcdClient.builder().endpoints(etcd.endpoints()).build();
		this.other = EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	@AfterEach
	void close() {
		this.client.close();
		this.other.close();
	}

	@Test
	void campaignProclaimResignAndObserve() throws Exception {
		Election election = this.client.election().election("/elections/a");
		List<Optional<Leader>> seen = new CopyOnWriteArrayList<>();
		try (LeaderObservation observation = this.other.election().election("/elections/a").observe(seen::add)) {
			await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
			assertThat(seen.get(0)).isEmpty();
			Leadership first = election.campaign("one");
			assertThat(first.isHeld()).isTrue();
			CompletableFuture<Leadership> second = this.other.election().election("/elections/a").campaignAsync("two");
			await().atMost(Duration.ofSeconds(5)).until(() -> candidates() == 2);
			assertThat(second).isNotDone();
			first.proclaim("one, again");
			assertThat(election.leader()).hasValueSatisfying((leader) -> {
				assertThat(leader.value()).isEqualTo("one, again");
				assertThat(leader.revision()).isEqualTo(first.fencingToken().revision());
			});
			long firstToken = first.fencingToken().revision();
			first.resign();
			Leadership next = second.get(10, TimeUnit.SECONDS);
			assertThat(next.fencingToken().revision()).isGreaterThan(firstToken);
			await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 4);
			assertThat(seen).extracting((leader) -> leader.map(Leader::value).orElse("none"))
				.containsExactly("none", "one", "one, again", "two");
			assertThat(observation.leader()).map(Leader::value).hasValue("two");
			next.resign();
			await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 5);
			assertThat(seen.get(4)).isEmpty();
			assertThat(first.isHeld()).isFalse();
			assertThatExceptionOfType(LockLostException.class).isThrownBy(() -> first.proclaim("late"));
		}
	}

	@Test
	void lostLeadershipIsReportedAndGuardsFail() throws Exception {
		Leadership leadership = this.client.election().election("/elections/l").campaign("me");
		List<FencingToken> lost = new CopyOnWriteArrayList<>();
		leadership.addLossListener((loss, token) -> lost.add(token));
		leadership.txnIfHolding(Txn.builder().then(Op.put("/elections/data", "by leader")).build());
		this.other.kv().delete(leadership.fencingToken().key());
		await().atMost(Duration.ofSeconds(10)).until(() -> !lost.isEmpty());
		assertThat(leadership.isHeld()).isFalse();
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> leadership.txnIfHolding(Txn.builder().then(Op.put("/elections/data", "late")).build()));
		assertThat(this.client.kv().get("/elections/data").first().orElseThrow().valueAsString())
			.isEqualTo("by leader");
	}

	@Test
	void campaignWithTimeoutWithdraws() throws Exception {
		Leadership leader = this.client.election().election("/elections/t").campaign("me");
		assertThat(this.other.election().election("/elections/t").campaign("you", Duration.ofMillis(300))).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> keys("/elections/t/") == 1);
		leader.resign();
		assertThat(keys("/elections/t/")).isZero();
	}

	private long candidates() {
		return keys("/elections/a/");
	}

	private long keys(String prefix) {
		return this.client.kv().get(prefix, GetOptions.builder().prefix().keysOnly().build()).kvs().size();
	}

}
