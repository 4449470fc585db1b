package dev.etcdboot.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checker: a writer changes keys under one prefix while members are killed, paused and restarted,
 * including the leader and the member that serves the stream; the subscriber must see every revision
 * exactly once, in order, with the right values. The oracle is etcd's own history: a fresh watch from the
 * start revision on the healed cluster. The number of changes is {@code -Detcd.watch.checker.changes}
 * (default 5,000).
 */
@ExtendWith(GenerousAwaits.class)
class WatchCheckerTest {

	private static final int CHANGES = Integer.getInteger("etcd.watch.checker.changes", 5000);

	private static final String PREFIX = "/chk/";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.members(3)
		.extraArgs("--experimental-watch-progress-notify-interval", "2s")
		.build();

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void subscriberSeesEveryRevisionExactlyOnceInOrderAcrossFaults() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		ExecutorService writerThread = Executors.newSingleThreadExecutor();
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger changes = new AtomicInteger();
		AtomicInteger reconnects = new AtomicInteger();
		AtomicInteger failedWrites = new AtomicInteger();
		long began = System.nanoTime();
		try (EtcdClient writer = client(); EtcdClient subscriber = client()) {
			long start = writer.kv().put("/chk-start", "x").header().revision() + 1;
			Watch watch = subscriber.watch()
				.watch(PREFIX, WatchOptions.builder().prefix().startRevision(start).build(), new WatchListener() {

					@Override
					public void onEvent(WatchEvent event) {
						seen.add(describe(event));
					}

					@Override
					public void onReconnected() {
						reconnects.incrementAndGet();
					}

				});
			AtomicBoolean faultsDone = new AtomicBoolean();
			Future<?> writing = writerThread.submit(() -> write(writer, changes, failedWrites, faultsDone, stop));
			Fault[] faults = Fault.values();
			for (int round = 0; round < 2; round++) {
				for (Fault fault : faults) {
					int target = changes.get() + CHANGES / (2 * faults.length + 1);
					await().atMost(Duration.ofMinutes(2)).until(() -> changes.get() >= target || writing.isDone());
					fault.inject(cluster, servingMember(cluster, subscriber));
					int before = seen.size();
					await().atMost(Duration.ofSeconds(60)).until(() -> seen.size() > before + 10 || writing.isDone());
					cluster.heal();
				}
			}
			faultsDone.set(true);
			writing.get(4, TimeUnit.MINUTES);
			assertThat(changes.get()).isGreaterThanOrEqualTo(CHANGES);
			long end = writer.kv().put("/chk-end", "x").header().revision();
			await().atMost(Duration.ofSeconds(60)).until(() -> watch.nextRevision() > end);
			watch.close();
			List<String> oracle = history(start, end);
			assertThat(oracle).hasSizeGreaterThanOrEqualTo(CHANGES);
			List<String> delivered = new ArrayList<>(seen);
			assertThat(delivered).doesNotHaveDuplicates();
			assertThat(delivered).containsExactlyElementsOf(oracle);
			// the serving member was killed, paused and restarted twice each; a pause healed before the probe
			// notices it may not move the stream, so not all six faults need end in a reconnect
			assertThat(reconnects.get()).isGreaterThanOrEqualTo(4);
			System.out.printf("Checker: %d changes, %d events delivered, %d reconnects, %d failed writes, %d s%n",
					changes.get(), delivered.size(), reconnects.get(), failedWrites.get(),
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
		}
		finally {
			stop.set(true);
			writerThread.shutdownNow();
		}
	}

	/**
	 * Writes until there are enough changes and every fault has been injected, so that a fast client does not
	 * finish before the faults it is meant to live through; past the number of changes wanted, at a gentle
	 * pace (about 200 a second) that keeps the stream busy without flooding the cluster while it heals.
	 */
	private static void write(EtcdClient writer, AtomicInteger changes, AtomicInteger failedWrites,
			AtomicBoolean faultsDone, AtomicBoolean stop) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		for (int i = 0; (changes.get() < CHANGES || !faultsDone.get()) && !stop.get() && System.nanoTime() < deadline;
				i++) {
			if (changes.get() >= CHANGES) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
			}
			String key = PREFIX + "k" + ThreadLocalRandom.current().nextInt(8);
			try {
				if (ThreadLocalRandom.current().nextInt(4) == 0) {
					changes.addAndGet((int) writer.kv().delete(key).deleted());
				}
				else {
					writer.kv().put(key, "v" + i);
					changes.incrementAndGet();
				}
			}
			catch (EtcdException ex) {
				// a write that failed or whose outcome is unknown: etcd's history tells what happened
				failedWrites.incrementAndGet();
			}
		}
	}

	private static List<String> history(long start, long end) {
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		try (EtcdClient fresh = client();
				Watch watch = fresh.watch()
					.watch(PREFIX, WatchOptions.builder().prefix().startRevision(start).build(),
							(event) -> events.add(describe(event)))) {
			await().atMost(Duration.ofSeconds(60)).until(() -> watch.nextRevision() > end);
		}
		return new ArrayList<>(events);
	}

	private static EtcdMember servingMember(EtcdCluster cluster, EtcdClient subscriber) {
		await().atMost(Duration.ofSeconds(30)).until(() -> !subscriber.watch().connectedEndpoints().isEmpty());
		String endpoint = subscriber.watch().connectedEndpoints().get(0).toString();
		return cluster.members()
			.stream()
			.filter((member) -> member.clientEndpoint().equals(endpoint))
			.findFirst()
			.orElseThrow();
	}

	private static String describe(WatchEvent event) {
		return event.revision() + " " + event.type() + " " + event.key()
				+ ((event.type() == WatchEvent.Type.PUT) ? "=" + event.kv().valueAsString() : "");
	}

	private static EtcdClient client() {
		return EtcdClient.builder().endpoints(etcd.endpoints()).build();
	}

	/**
	 * The faults injected in each round; the cluster is healed after each.
	 */
	enum Fault {

		KILL_SERVING_MEMBER {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.kill();
			}
		},

		PAUSE_SERVING_MEMBER {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.pause();
			}
		},

		KILL_LEADER {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				cluster.awaitLeader(Duration.ofSeconds(30)).kill();
			}
		},

		RESTART_SERVING_MEMBER {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.restart();
			}
		},

		PAUSE_LEADER {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				cluster.awaitLeader(Duration.ofSeconds(30)).pause();
			}
		};

		abstract void inject(EtcdCluster cluster, EtcdMember serving);

	}

}
