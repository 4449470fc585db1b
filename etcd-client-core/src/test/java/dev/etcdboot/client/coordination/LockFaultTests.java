package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Eight competitors, each with a client of its own, take a lock on a cluster of three
 * while members (the leader included) are killed and paused, and increment a counter with
 * writes guarded by the lock (read, then a guarded write of the value read plus one,
 * which also records the increment under a key of its own). No two holders overlap (a
 * holder's time counts from {@code lock()} returning to its last check that it still held
 * the lock), no increment is lost or applied twice, and the counter equals the
 * acknowledged increments (plus at most those whose answer was lost). Runs 20 s;
 * {@code -Detcd.lock.fault.seconds} for longer (the {@code hardening-long} profile).
 */
class LockFaultTests {

	private static final Duration TTL = Duration.ofSeconds(3);

	private static final int COMPETITORS = 8;

	private static final String COUNTER = "/fault/counter";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final List<Held> held = new CopyOnWriteArrayList<>();

	private final AtomicInteger acknowledged = new AtomicInteger();

	private final AtomicInteger unknown = new AtomicInteger();

	private final AtomicInteger lost = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean(true);

	@Test
	void competitorsNeverOverlapAndGuardedIncrementsAreExact() throws Exception {
		Duration run = Duration.ofSeconds(Integer.getInteger("etcd.lock.fault.seconds", 20));
		EtcdCluster cluster = etcd.cluster();
		List<EtcdClient> clients = new ArrayList<>();
		List<Thread> competitors = new ArrayList<>();
		try (EtcdClient observer = client()) {
			observer.kv().put(COUNTER, "0");
			for (int i = 0; i < COMPETITORS; i++) {
				EtcdClient client = client();
				clients.add(client);
				Thread thread = new Thread(() -> compete(client), "competitor-" + i);
				competitors.add(thread);
				thread.start();
			}
			long end = System.nanoTime() + run.toNanos();
			for (int round = 0; System.nanoTime() - end < 0; round++) {
				fault(cluster, round);
			}
			this.running.set(false);
			for (Thread competitor : competitors) {
				competitor.join(TimeUnit.SECONDS.toMillis(60));
				assertThat(competitor.isAlive()).as(competitor.getName() + " ended").isFalse();
			}
			cluster.heal();
			long counter = Long.parseLong(observer.kv().get(COUNTER).first().orElseThrow().valueAsString());
			long recorded = observer.kv().get("/fault/increments/", GetOptions.PREFIX).kvs().size();
			assertThat(this.acknowledged.get()).as("progress under faults").isPositive();
			assertThat(counter).as("no lost update, none applied twice").isEqualTo(recorded);
			assertThat(counter).isBetween((long) this.acknowledged.get(),
					(long) this.acknowledged.get() + this.unknown.get());
			assertThat(overlaps()).as("no two holders at once").isEmpty();
			assertThat(this.held).extracting(Held::token).doesNotHaveDuplicates();
			System.out.printf(
					"lock under faults: %d acquisitions, %d acknowledged increments, %d unknown, %d lost, longest gap %d ms%n",
					this.held.size(), this.acknowledged.get(), this.unknown.get(), this.lost.get(), longestGapMillis());
		}
		finally {
			this.running.set(false);
			clients.forEach(EtcdClient::close);
		}
	}

	@Test
	void holderOutlivesAHungMemberLongerThanItsTtl() {
		EtcdCluster cluster = etcd.cluster();
		try (EtcdClient client = client()) {
			// a longer TTL than the competitors': a cold client on a loaded machine needs
			// time for its first calls
			Duration ttl = TTL.plusSeconds(2);
			client.kv().get("/fault/warm-up");
			EtcdLock lock = client.lock().newLock("/fault/hung", ttl);
			List<String> losses = new CopyOnWriteArrayList<>();
			lock.addLossListener((loss, token) -> losses.add(loss.getMessage()));
			lock.lock();
			Endpoint preferred = ClientInternals.transport(client).endpoints().select(Set.of());
			EtcdMember serving = cluster.members()
				.stream()
				.filter((member) -> member.clientEndpoint().equals(preferred.toString()))
				.findFirst()
				.orElseThrow();
			serving.pause();
			try {
				// twice the TTL: keep-alives must move to the other members, as the
				// watches do
				await().during(ttl.multipliedBy(2))
					.atMost(ttl.multipliedBy(3))
					.until(() -> losses.isEmpty() && lock.isHeld());
			}
			finally {
				serving.resume();
			}
			assertThat(losses).isEmpty();
			assertThat(lock.isHeld()).isTrue();
			lock.txnIfHolding(Txn.builder().then(Op.put("/fault/hung-write", "still mine")).build());
			lock.unlock();
		}
	}

	private void compete(EtcdClient client) {
		while (this.running.get()) {
			EtcdLock lock = client.lock().newLock("/fault/lock", TTL);
			try {
				if (!lock.tryLock(5, TimeUnit.SECONDS)) {
					continue;
				}
			}
			catch (EtcdException ex) {
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			long start = System.nanoTime();
			try {
				FencingToken token = lock.fencingToken();
				incrementThreeTimes(client, lock, token);
				long end = System.nanoTime();
				if (lock.isHeld()) {
					this.held.add(new Held(token.revision(), start, end));
				}
			}
			catch (LockLostException ex) {
				this.lost.incrementAndGet();
			}
			finally {
				lock.unlock();
			}
		}
	}

	private void incrementThreeTimes(EtcdClient client, EtcdLock lock, FencingToken token) {
		for (int i = 0; i < 3; i++) {
			try {
				KeyValue current = client.kv().get(COUNTER).first().orElseThrow();
				long next = Long.parseLong(current.valueAsString()) + 1;
				lock.txnIfHolding(Txn.builder()
					.then(Op.put(COUNTER, Long.toString(next)),
							Op.put("/fault/increments/" + token.revision() + "-" + i, ""))
					.build());
				this.acknowledged.incrementAndGet();
			}
			catch (EtcdOutcomeUnknownException ex) {
				this.unknown.incrementAndGet();
				return;
			}
			catch (LockLostException ex) {
				throw ex;
			}
			catch (EtcdException ex) {
				return;
			}
		}
	}

	/** Pause or kill the leader or a follower for two seconds, then bring it back. */
	private static void fault(EtcdCluster cluster, int round) throws InterruptedException {
		EtcdMember leader = cluster.awaitLeader(Duration.ofSeconds(30));
		List<EtcdMember> followers = cluster.members().stream().filter((member) -> member != leader).toList();
		EtcdMember target = (round % 2 == 0) ? leader
				: followers.get(ThreadLocalRandom.current().nextInt(followers.size()));
		if (round % 3 == 2) {
			target.kill();
		}
		else {
			target.pause();
		}
		Thread.sleep(2000);
		cluster.heal();
		Thread.sleep(1000);
	}

	private List<String> overlaps() {
		List<Held> byStart = new ArrayList<>(this.held);
		byStart.sort(Comparator.comparingLong(Held::start));
		List<String> overlaps = new ArrayList<>();
		for (int i = 1; i < byStart.size(); i++) {
			Held before = byStart.get(i - 1);
			Held after = byStart.get(i);
			if (after.start() - before.end() < 0) {
				overlaps.add(before + " overlaps " + after);
			}
			if (after.token() < before.token()) {
				overlaps.add(after + " acquired after " + before + " with an older token");
			}
		}
		return overlaps;
	}

	private long longestGapMillis() {
		List<Held> byStart = new ArrayList<>(this.held);
		byStart.sort(Comparator.comparingLong(Held::start));
		long longest = 0;
		for (int i = 1; i < byStart.size(); i++) {
			longest = Math.max(longest, byStart.get(i).start() - byStart.get(i - 1).end());
		}
		return TimeUnit.NANOSECONDS.toMillis(longest);
	}

	private static EtcdClient client() {
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(1))
			.callTimeout(Duration.ofSeconds(3))
			.build();
	}

	private record Held(long token, long start, long end) {
	}

}
