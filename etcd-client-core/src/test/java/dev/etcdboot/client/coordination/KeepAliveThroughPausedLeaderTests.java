package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A holder keeps its lock while the leader it keeps its lease alive through is paused.
 * Its other member forwards keep-alives to the paused leader until it notices the leader
 * is gone (an election timeout of 1 to 2 s here), so those hang for the whole request
 * timeout (10 s, longer than the lease's 6 s TTL); the holder must not wait for them but
 * send more, which the member answers once the two others elected a new leader. The
 * holder's last answered keep-alive was sent up to a quarter of the TTL before the pause,
 * so the election must end within about 0.75 TTL less the safety margin: 3.9 s with a 6 s
 * TTL (a 4 s TTL left 2.6 s, too little for a loaded machine).
 */
class KeepAliveThroughPausedLeaderTests {

	private static final Duration TTL = Duration.ofSeconds(6);

	private static EtcdCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = EtcdCluster.builder()
			.members(3)
			.heartbeatInterval(Duration.ofMillis(100))
			.electionTimeout(Duration.ofMillis(1000))
			.start();
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void holderOutlivesAPausedLeaderItKeptAliveThrough() throws InterruptedException {
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(10));
		EtcdMember follower = cluster.members().stream().filter((member) -> member != leader).findFirst().orElseThrow();
		// the leader first, so keep-alives go through it; the request timeout outlasts
		// the
		// TTL
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(List.of(leader.clientEndpoint(), follower.clientEndpoint()))
			.requestTimeout(Duration.ofSeconds(10))
			.build()) {
			client.kv().get("/paused-leader/warm-up");
			EtcdLock lock = client.lock().newLock("/paused-leader/lock", TTL);
			List<String> losses = new CopyOnWriteArrayList<>();
			lock.addLossListener((loss, token) -> losses.add(loss.getMessage()));
			lock.lock();
			// the holder keeps alive every TTL/4 from the grant: pausing late in such a
			// period makes the next
			// keep-alives (to the leader, then to the follower) go out before the
			// follower notices the pause
			Thread.sleep(TTL.dividedBy(4).minusMillis(200).toMillis());
			leader.pause();
			try {
				await().during(TTL.multipliedBy(2))
					.atMost(TTL.multipliedBy(3))
					.until(() -> losses.isEmpty() && lock.isHeld());
			}
			finally {
				leader.resume();
			}
			assertThat(losses).isEmpty();
			lock.txnIfHolding(Txn.builder().then(Op.put("/paused-leader/write", "still mine")).build());
			lock.unlock();
		}
	}

}
