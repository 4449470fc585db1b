package dev.etcdboot.client.watch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.ClientInternals;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The checker: writers change keys under one prefix while members are killed, paused
 * (SIGSTOP) and restarted, including the leader and the member that serves the stream,
 * and the cluster loses its quorum; the subscriber must see every revision exactly once,
 * in order, with the right values. The oracle is etcd's own history: a fresh watch from
 * the start revision on the healed cluster.
 * <p>
 * Size: {@code -Detcd.watch.checker.changes} (default 20,000) changes across
 * {@code -Detcd.watch.checker.faults} (default 14, each fault type twice) faults, spread
 * evenly over the writes. Every wait is bounded, and so are the writers, by a deadline
 * that grows with the number of changes.
 */
@ExtendWith(GenerousAwaits.class)
class WatchCheckerTests {

	private static final int CHANGES = Integer.getInteger("etcd.watch.checker.changes", 20_000);

	private static final int FAULTS = Integer.getInteger("etcd.watch.checker.faults", 2 * Fault.values().length);

	private static final int WRITERS = 4;

	private static final String PREFIX = "/chk/";

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder()
		.members(3)
		.extraArgs("--experimental-watch-progress-notify-interval", "2s")
		.build();

	@Test
	void subscriberSeesEveryRevisionExactlyOnceInOrderAcrossFaults() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		ExecutorService writerThreads = Executors.newFixedThreadPool(WRITERS);
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger changes = new AtomicInteger();
		Writes writes = new Writes();
		AtomicInteger disconnects = new AtomicInteger();
		AtomicBoolean connected = new AtomicBoolean(true);
		AtomicInteger failedWrites = new AtomicInteger();
		long began = System.nanoTime();
		long deadline = began + Duration.ofMinutes(3).plusMillis(CHANGES * 15L).toNanos();
		try (EtcdClient writer = client(); EtcdClient subscriber = client()) {
			long start = writer.kv().put("/chk-start", "x").header().revision() + 1;
			Watch watch = subscriber.watch()
				.watch(PREFIX, WatchOptions.builder().prefix().startRevision(start).build(), new WatchListener() {

					@Override
					public void onEvent(WatchEvent event) {
						seen.add(describe(event));
					}

					@Override
					public void onDisconnected(EtcdException cause) {
						connected.set(false);
						disconnects.incrementAndGet();
					}

					@Override
					public void onReconnected() {
						connected.set(true);
					}

				});
			List<Future<?>> writing = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				writing.add(writerThreads.submit(() -> write(writer, writes, changes, failedWrites, stop, deadline)));
			}
			int step = CHANGES / (FAULTS + 1);
			writes.allow(step);
			int servingFaults = 0;
			Fault[] types = Fault.values();
			for (int f = 0; f < FAULTS; f++) {
				await().atMost(remaining(deadline)).until(writes::allDone);
				Fault fault = types[f % types.length];
				// an outage that begins from now on is counted; one under way ends before
				// the serving member is read
				int disconnectsBefore = disconnects.get();
				await().atMost(Duration.ofSeconds(60)).until(connected::get);
				EtcdMember serving = servingMember(cluster, subscriber);
				servingFaults += fault.hitsServingMember ? 1 : 0;
				int seenBefore = seen.size();
				int failedBefore = failedWrites.get();
				writes.allow(step);
				fault.inject(cluster, serving);
				if (fault == Fault.QUORUM_LOSS) {
					// nothing can be written: hold the outage until writes fail, then
					// heal
					await().atMost(Duration.ofSeconds(60))
						.until(() -> writes.keepGoing(2) && failedWrites.get() > failedBefore);
					cluster.heal();
				}
				// the subscriber receives changes again: from another member, or from the
				// healed cluster; and
				// one written after the fault, which a paused member cannot have sent
				// before it (changes sent
				// before the fault may still be arriving when the machine is loaded)
				String marker = PREFIX + "after-fault-" + f;
				long afterFault = await().atMost(Duration.ofSeconds(60))
					.ignoreExceptionsInstanceOf(EtcdException.class)
					.until(() -> writer.kv().put(marker, fault.name()).header().revision(), (revision) -> revision > 0);
				await().atMost(Duration.ofSeconds(90))
					.until(() -> writes.keepGoing(2) && seen.size() > seenBefore + 10
							&& watch.nextRevision() > afterFault);
				if (fault.hitsServingMember) {
					assertThat(disconnects.get()).as("the stream was cut by %s, fault %d", fault, f)
						.isGreaterThan(disconnectsBefore);
				}
				cluster.heal();
			}
			await().atMost(remaining(deadline))
				.until(() -> writes.allDone() && writes.keepGoing(CHANGES - changes.get()) && changes.get() >= CHANGES);
			stop.set(true);
			for (Future<?> future : writing) {
				future.get(2, TimeUnit.MINUTES);
			}
			long end = writer.kv().put("/chk-end", "x").header().revision();
			await().atMost(Duration.ofSeconds(120)).until(() -> watch.nextRevision() > end);
			watch.close();
			List<String> oracle = history(start, end);
			assertThat(oracle).hasSizeGreaterThanOrEqualTo(CHANGES);
			List<String> delivered = new ArrayList<>(seen);
			assertThat(delivered).doesNotHaveDuplicates();
			assertThat(delivered).containsExactlyElementsOf(oracle);
			// each fault of the serving member cut the stream, asserted per fault above
			assertThat(disconnects.get()).isGreaterThanOrEqualTo(servingFaults);
			System.out.printf(
					"Checker: %d changes checked, %d faults injected (%d of the serving member), %d "
							+ "disconnections, %d failed writes, nothing lost or duplicated, %d s%n",
					delivered.size(), FAULTS, servingFaults, disconnects.get(), failedWrites.get(),
					TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
		}
		finally {
			stop.set(true);
			writerThreads.shutdownNow();
		}
	}

	private static void write(EtcdClient writer, Writes writes, AtomicInteger changes, AtomicInteger failedWrites,
			AtomicBoolean stop, long deadline) {
		for (int i = 0; !stop.get() && System.nanoTime() < deadline; i++) {
			if (!writes.take()) {
				continue;
			}
			String key = PREFIX + "k" + ThreadLocalRandom.current().nextInt(16);
			try {
				if (ThreadLocalRandom.current().nextInt(4) == 0) {
					changes.addAndGet((int) writer.kv().delete(key).deleted());
				}
				else {
					writer.kv().put(key, Thread.currentThread().getName() + "-" + i);
					changes.incrementAndGet();
				}
			}
			catch (EtcdException ex) {
				// a write that failed or whose outcome is unknown: etcd's history tells
				// what happened
				failedWrites.incrementAndGet();
			}
			finally {
				writes.done();
			}
		}
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(deadline - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
	}

	private static List<String> history(long start, long end) {
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		try (EtcdClient fresh = client();
				Watch watch = fresh.watch()
					.watch(PREFIX, WatchOptions.builder().prefix().startRevision(start).build(),
							(event) -> events.add(describe(event)))) {
			await().atMost(Duration.ofSeconds(120)).until(() -> watch.nextRevision() > end);
		}
		return new ArrayList<>(events);
	}

	private static EtcdMember servingMember(EtcdCluster cluster, EtcdClient subscriber) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> !ClientInternals.watch(subscriber).connectedEndpoints().isEmpty());
		String endpoint = ClientInternals.watch(subscriber).connectedEndpoints().get(0).toString();
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
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(Duration.ofSeconds(2))
			.callTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * Paces the writers: they make as many writes as the test allows, so that the faults
	 * are spread over the changes and the run makes the number of changes asked for, not
	 * as many as the machine can.
	 */
	private static final class Writes {

		private final Semaphore permits = new Semaphore(0);

		private final AtomicInteger allowed = new AtomicInteger();

		private final AtomicInteger finished = new AtomicInteger();

		void allow(int count) {
			this.allowed.addAndGet(count);
			this.permits.release(count);
		}

		/**
		 * Allow more writes once those allowed are done, so that a fault's recovery can
		 * be seen.
		 */
		boolean keepGoing(int count) {
			if (allDone() && count > 0) {
				allow(count);
			}
			return true;
		}

		boolean allDone() {
			return this.finished.get() >= this.allowed.get();
		}

		boolean take() {
			try {
				return this.permits.tryAcquire(100, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		void done() {
			this.finished.incrementAndGet();
		}

	}

	/**
	 * The faults, injected in this order, round after round; the cluster is healed after
	 * each.
	 */
	enum Fault {

		KILL_SERVING_MEMBER(true) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.kill();
			}
		},

		PAUSE_SERVING_MEMBER(true) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.pause();
			}
		},

		KILL_LEADER(false) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				cluster.awaitLeader(Duration.ofSeconds(30)).kill();
			}
		},

		RESTART_SERVING_MEMBER(true) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.restart();
			}
		},

		PAUSE_LEADER(false) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				cluster.awaitLeader(Duration.ofSeconds(30)).pause();
			}
		},

		RESTART_LEADER(false) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				cluster.awaitLeader(Duration.ofSeconds(30)).restart();
			}
		},

		/** Two of three members killed, the serving one among them. */
		QUORUM_LOSS(true) {
			@Override
			void inject(EtcdCluster cluster, EtcdMember serving) {
				serving.kill();
				cluster.members().stream().filter((member) -> member != serving).findFirst().orElseThrow().kill();
			}
		};

		final boolean hitsServingMember;

		Fault(boolean hitsServingMember) {
			this.hitsServingMember = hitsServingMember;
		}

		abstract void inject(EtcdCluster cluster, EtcdMember serving);

	}

}
