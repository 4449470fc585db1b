package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four candidates with clients of their own campaign, lead briefly and resign on a
 * cluster of three while the etcd leader is paused and killed: exactly one leader at a
 * time (a term counts from being elected to the last check that it still led), and each
 * term's fencing token, written by guarded writes, greater than the one before. Runs 15
 * s.
 */
class ElectionFaultTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final List<Term> terms = new CopyOnWriteArrayList<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger endedByFaults = new AtomicInteger();

	@Test
	void oneLeaderAtATimeWithIncreasingTokens() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		List<EtcdClient> clients = new ArrayList<>();
		List<Thread> candidates = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				EtcdClient client = EtcdClient.builder()
					.endpoints(etcd.endpoints())
					.requestTimeout(Duration.ofSeconds(1))
					.callTimeout(Duration.ofSeconds(3))
					.build();
				clients.add(client);
				String name = "candidate-" + i;
				Thread thread = new Thread(() -> campaign(client, name), name);
				candidates.add(thread);
				thread.start();
			}
			long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
			for (int round = 0; System.nanoTime() - end < 0; round++) {
				EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(30));
				if (round % 2 == 0) {
					leader.pause();
				}
				else {
					leader.kill();
				}
				Thread.sleep(2000);
				cluster.heal();
				Thread.sleep(1000);
			}
			this.running.set(false);
			for (Thread candidate : candidates) {
				candidate.join(TimeUnit.SECONDS.toMillis(60));
				assertThat(candidate.isAlive()).isFalse();
			}
			List<Term> byStart = new ArrayList<>(this.terms);
			byStart.sort(Comparator.comparingLong(Term::start));
			assertThat(byStart).as("terms under faults").hasSizeGreaterThan(3);
			for (int i = 1; i < byStart.size(); i++) {
				assertThat(byStart.get(i).start()).as("one leader at a time").isGreaterThan(byStart.get(i - 1).end());
				assertThat(byStart.get(i).token()).isGreaterThan(byStart.get(i - 1).token());
			}
			System.out.printf("election under faults: %d terms, %d ended by faults%n", byStart.size(),
					this.endedByFaults.get());
		}
		finally {
			this.running.set(false);
			clients.forEach(EtcdClient::close);
		}
	}

	private void campaign(EtcdClient client, String name) {
		Election election = client.election().election("/efault/election", TTL);
		while (this.running.get()) {
			Optional<Leadership> won;
			try {
				won = election.campaign(name, Duration.ofSeconds(5));
			}
			catch (EtcdException ex) {
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (won.isEmpty()) {
				continue;
			}
			Leadership leadership = won.get();
			long start = System.nanoTime();
			try {
				long token = leadership.fencingToken().revision();
				leadership.txnIfHolding(Txn.builder().then(Op.put("/efault/leader", name + " " + token)).build());
				long end = System.nanoTime();
				if (leadership.isHeld()) {
					this.terms.add(new Term(token, start, end));
				}
			}
			catch (EtcdException ex) {
				this.endedByFaults.incrementAndGet(); // lost, or etcd unreachable: not
														// counted as a term
			}
			finally {
				leadership.resign();
			}
		}
	}

	private record Term(long token, long start, long end) {
	}

}
