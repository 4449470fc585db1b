package dev.etcdboot.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.lease.LeaseKeepAlive;
import dev.etcdboot.client.observation.EtcdObservationContext;
import dev.etcdboot.client.support.Resources;
import dev.etcdboot.client.template.EtcdTemplate;
import dev.etcdboot.client.watch.GenerousAwaits;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchOptions;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdMember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Soak: steady load (puts, reads, compare-and-set transactions, template writes, deletes,
 * watches opened and closed, leases granted, kept alive and revoked) from several
 * threads, a long-lived watch and a long-lived lease, and a fault every 10 s (a member
 * killed, paused, restarted, the leader killed). At the end the client must hold no more
 * threads, connections, file descriptors or heap than after the warm-up: what it holds is
 * bounded by its concurrency, not by how long it ran. The long-lived watch must have seen
 * its events in order without duplicates, and the long-lived lease must never have been
 * lost.
 * <p>
 * Duration: {@code -Detcd.soak.seconds} (default 60, the CI form; the long form runs for
 * minutes).
 */
@ExtendWith(GenerousAwaits.class)
class SoakTests {

	private static final Duration DURATION = Duration.ofSeconds(Long.getLong("etcd.soak.seconds", 60));

	private static final Duration FAULT_INTERVAL = Duration.ofSeconds(10);

	private static final int WORKERS = 4;

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);

	/**
	 * The heap may grow by this much over the run: caches warmed up late, not a leak per
	 * operation.
	 */
	private static final long HEAP_SLACK = 32L * 1024 * 1024;

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.cluster(3);

	private final AtomicInteger operations = new AtomicInteger();

	private final AtomicInteger failures = new AtomicInteger();

	private final AtomicLong longestCall = new AtomicLong();

	@Test
	void steadyLoadWithPeriodicFaultsLeavesNoThreadConnectionOrHeapGrowth() throws Exception {
		EtcdCluster cluster = etcd.cluster();
		Set<Integer> ports = cluster.members()
			.stream()
			.map((member) -> URI.create(member.clientEndpoint()).getPort())
			.collect(Collectors.toSet());
		Resources before = Resources.now(ports);
		List<String> disorder = new CopyOnWriteArrayList<>();
		List<String> leaseLosses = new CopyOnWriteArrayList<>();
		AtomicLong lastRevision = new AtomicLong();
		AtomicInteger watched = new AtomicInteger();
		long began = System.nanoTime();
		int faults = 0;
		Resources warm;
		Resources after;
		try (EtcdClient client = client(); EtcdClient watcher = client()) {
			AtomicReference<String> lastEvent = new AtomicReference<>("");
			Watch longWatch = watcher.watch().watch("/soak/", WatchOptions.PREFIX, (event) -> {
				watched.incrementAndGet();
				String described = describe(event);
				if (event.revision() < lastRevision.getAndSet(event.revision())
						|| described.equals(lastEvent.getAndSet(described))) {
					disorder.add(described);
				}
			});
			LeaseGrant longGrant = client.lease().grant(Duration.ofSeconds(10));
			LeaseKeepAlive longLease = client.lease()
				.keepAlive(longGrant.id(), (leaseId, loss, cause) -> leaseLosses.add(loss.name()));
			run(client, Duration.ofSeconds(5));
			warm = settled(ports, null);
			ExecutorService load = Executors.newFixedThreadPool(WORKERS);
			List<Future<?>> workers = new ArrayList<>();
			long end = System.nanoTime() + DURATION.toNanos();
			for (int w = 0; w < WORKERS; w++) {
				workers.add(load.submit(() -> work(client, end)));
			}
			for (long next = System.nanoTime() + FAULT_INTERVAL.toNanos(); next < end; next += FAULT_INTERVAL
				.toNanos()) {
				long at = next;
				await().atMost(FAULT_INTERVAL.plusSeconds(30)).until(() -> System.nanoTime() >= at);
				fault(cluster, faults++);
			}
			for (Future<?> worker : workers) {
				worker.get(DURATION.toSeconds() + 120, TimeUnit.SECONDS);
			}
			load.shutdown();
			cluster.heal();
			long last = client.kv().put("/soak/last", "x").header().revision();
			await().atMost(Duration.ofSeconds(60)).until(() -> longWatch.nextRevision() > last);
			assertThat(leaseLosses).as("the long-lived lease was never lost").isEmpty();
			assertThat(longLease.isActive()).isTrue();
			after = settled(ports, warm);
			longLease.close();
			longWatch.close();
		}
		Resources closed = settled(ports, before);
		System.out.printf(
				"Soak: %d s, %d operations (%d failed during faults), %d faults, %d events watched, longest "
						+ "call %d ms%n  before: %s%n  warm:   %s%n  after:  %s%n  closed: %s%n",
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began), this.operations.get(), this.failures.get(),
				faults, watched.get(), TimeUnit.NANOSECONDS.toMillis(this.longestCall.get()), before, warm, after,
				closed);
		assertThat(disorder).as("events out of order or repeated").isEmpty();
		assertThat(this.operations.get()).isGreaterThan(1000);
		// no attempt starts after the call timeout, an attempt waits at most the request
		// timeout, a back-off 1 s
		assertThat(Duration.ofNanos(this.longestCall.get())).as("every call ended within its deadline")
			.isLessThan(CALL_TIMEOUT.plus(REQUEST_TIMEOUT).plusSeconds(1 + 8));
		assertNoGrowth(after, warm);
		assertNoGrowth(closed, before);
	}

	private static void assertNoGrowth(Resources now, Resources reference) {
		assertThat(now.threads()).as("threads").isLessThanOrEqualTo(reference.threads());
		assertThat(now.connections()).as("connections").isLessThanOrEqualTo(reference.connections() + 3 * WORKERS);
		assertThat(now.fileDescriptors()).as("file descriptors")
			.isLessThanOrEqualTo(reference.fileDescriptors() + 3 * WORKERS);
		assertThat(now.heapBytes()).as("heap after GC").isLessThanOrEqualTo(reference.heapBytes() + HEAP_SLACK);
		assertThat(now.httpClientWorkers()).as("HTTP client workers").isLessThanOrEqualTo(8 * WORKERS);
	}

	/**
	 * Wait until idle pools have shrunk (delivery and keep-alive threads end after 2 s
	 * without work) and take a snapshot; with a reference, wait until the thread count is
	 * back to it or a minute has passed.
	 */
	private static Resources settled(Set<Integer> ports, Resources reference) {
		long start = System.nanoTime();
		await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(System.nanoTime() - start).isGreaterThan(Duration.ofSeconds(3).toNanos());
			if (reference != null) {
				assertThat(Resources.now(ports).threads()).as("threads: %s", Resources.threadNames())
					.isLessThanOrEqualTo(reference.threads());
			}
		});
		return Resources.now(ports);
	}

	private void run(EtcdClient client, Duration duration) throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		ExecutorService load = Executors.newFixedThreadPool(WORKERS);
		List<Future<?>> workers = new ArrayList<>();
		for (int w = 0; w < WORKERS; w++) {
			workers.add(load.submit(() -> work(client, end)));
		}
		for (Future<?> worker : workers) {
			worker.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
		}
		load.shutdown();
	}

	private void work(EtcdClient client, long end) {
		EtcdTemplate template = new EtcdTemplate(client);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		while (System.nanoTime() < end) {
			String key = "/soak/k" + random.nextInt(64);
			long start = System.nanoTime();
			try {
				switch (random.nextInt(10)) {
					case 0, 1 -> client.kv().put(key, "v" + start);
					case 2, 3 -> client.kv().get("/soak/", GetOptions.builder().prefix().limit(10).build());
					case 4 -> compareAndSet(client, key);
					case 5 -> template.set("/soak-tree/" + random.nextInt(16) + "/leaf", "v" + start);
					case 6 -> client.kv().delete(key);
					case 7 -> template.getRecursive("/soak-tree");
					case 8 -> {
						try (Watch watch = client.watch().watch(key, (event) -> {
						})) {
							client.kv().put(key, "watched");
						}
					}
					default -> {
						LeaseGrant grant = client.lease().grant(Duration.ofSeconds(5));
						try (LeaseKeepAlive keepAlive = client.lease().keepAlive(grant.id(), (leaseId, loss, cause) -> {
						})) {
							client.kv().put(key + "-leased", "v".getBytes(), PutOptions.withLease(grant.id()));
						}
						client.lease().revoke(grant.id());
					}
				}
				this.operations.incrementAndGet();
			}
			catch (EtcdException ex) {
				// expected while a member is down or hung; every call must still end
				// within its deadline
				this.failures.incrementAndGet();
			}
		}
	}

	private static void compareAndSet(EtcdClient client, String key) {
		KeyValue current = client.kv().get(key).first().orElse(null);
		Compare unchanged = (current != null) ? Compare.modRevision(key).equalTo(current.modRevision())
				: Compare.version(key).equalTo(0);
		client.kv().txn(Txn.builder().when(unchanged).then(Op.put(key, "cas")).build());
	}

	private static void fault(EtcdCluster cluster, int number) {
		List<EtcdMember> members = cluster.members();
		switch (number % 4) {
			case 0 -> members.get(number % 3).kill();
			case 1 -> members.get(number % 3).pause();
			case 2 -> cluster.awaitLeader(Duration.ofSeconds(30)).kill();
			default -> members.get(number % 3).restart();
		}
		long start = System.nanoTime();
		await().pollDelay(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(10))
			.until(() -> System.nanoTime() - start > Duration.ofSeconds(3).toNanos());
		cluster.heal();
	}

	private static String describe(WatchEvent event) {
		return event.revision() + " " + event.type() + " " + event.key();
	}

	private EtcdClient client() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<EtcdObservationContext>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof EtcdObservationContext;
			}

			@Override
			public void onStart(EtcdObservationContext context) {
				context.put(CallStart.class, new CallStart(System.nanoTime()));
			}

			@Override
			public void onStop(EtcdObservationContext context) {
				CallStart start = context.getRequired(CallStart.class);
				SoakTests.this.longestCall.accumulateAndGet(System.nanoTime() - start.nanos(), Math::max);
			}

		});
		return EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.requestTimeout(REQUEST_TIMEOUT)
			.callTimeout(CALL_TIMEOUT)
			.observationRegistry(registry)
			.build();
	}

	private record CallStart(long nanos) {
	}

}
