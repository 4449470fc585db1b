package dev.etcdboot.client.watch;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.EtcdCluster;

/**
 * Measures one watch stream against a local single-member etcd: how fast it delivers a
 * backlog (catch-up throughput), how fast it follows concurrent writers (live
 * throughput), and the end-to-end latency from issuing a put to the listener receiving
 * its event. Not a test: run its {@code main} with the test classpath; numbers depend on
 * the machine (client and etcd share its cores).
 */
public final class WatchHarness {

	private static final int BACKLOG = 20_000;

	private static final int WRITERS = 16;

	private static final int LATENCY_SAMPLES = 2_000;

	private WatchHarness() {
	}

	/**
	 * Start a single-member etcd, run the measurements and print them.
	 * @param args not used
	 * @throws Exception when a measurement fails
	 */
	public static void main(String[] args) throws Exception {
		try (EtcdCluster etcd = EtcdCluster.builder().members(1).start();
				EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			long start = client.kv().put("/bench-start", "x").header().revision() + 1;
			long writeNanos = writeConcurrently(client, "/bench/backlog/", BACKLOG);
			System.out.printf("writes: %d puts by %d writers in %d ms (%.0f/s)%n", BACKLOG, WRITERS,
					TimeUnit.NANOSECONDS.toMillis(writeNanos), BACKLOG / (writeNanos / 1e9));
			catchUp(client, start);
			live(client);
			latency(client);
		}
	}

	private static void catchUp(EtcdClient client, long start) throws InterruptedException {
		CountDownLatch all = new CountDownLatch(BACKLOG);
		long cpuBefore = processCpuNanos();
		long began = System.nanoTime();
		try (Watch watch = client.watch()
			.watch("/bench/backlog/", WatchOptions.builder().prefix().startRevision(start).build(),
					(event) -> all.countDown())) {
			if (!all.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException(
						"Backlog not delivered: " + all.getCount() + " left, next revision " + watch.nextRevision());
			}
		}
		long nanos = System.nanoTime() - began;
		long cpu = processCpuNanos() - cpuBefore;
		System.out.printf("catch-up: %d events on one stream in %d ms (%.0f events/s), client CPU %.1f us/event%n",
				BACKLOG, TimeUnit.NANOSECONDS.toMillis(nanos), BACKLOG / (nanos / 1e9), cpu / 1e3 / BACKLOG);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static void live(EtcdClient client) throws Exception {
		CountDownLatch all = new CountDownLatch(BACKLOG);
		try (Watch watch = client.watch().watch("/bench/live/", WatchOptions.PREFIX, (event) -> all.countDown())) {
			while (watch.nextRevision() == 0) {
				Thread.onSpinWait();
			}
			long began = System.nanoTime();
			writeConcurrently(client, "/bench/live/", BACKLOG);
			if (!all.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Live events not delivered: " + all.getCount() + " left");
			}
			long nanos = System.nanoTime() - began;
			System.out.printf("live: %d events written by %d writers and delivered in %d ms (%.0f events/s)%n", BACKLOG,
					WRITERS, TimeUnit.NANOSECONDS.toMillis(nanos), BACKLOG / (nanos / 1e9));
		}
	}

	private static void latency(EtcdClient client) throws InterruptedException {
		long[] samples = new long[LATENCY_SAMPLES];
		AtomicInteger received = new AtomicInteger();
		CountDownLatch all = new CountDownLatch(LATENCY_SAMPLES);
		try (Watch watch = client.watch().watch("/bench/latency", (event) -> {
			long sent = Long.parseLong(event.kv().valueAsString());
			samples[received.getAndIncrement()] = System.nanoTime() - sent;
			all.countDown();
		})) {
			while (watch.nextRevision() == 0) {
				Thread.onSpinWait();
			}
			for (int i = 0; i < LATENCY_SAMPLES; i++) {
				int before = received.get();
				client.kv().put("/bench/latency", Long.toString(System.nanoTime()));
				while (received.get() == before) {
					Thread.onSpinWait();
				}
			}
			all.await(1, TimeUnit.MINUTES);
		}
		Arrays.sort(samples);
		System.out.printf(
				"latency put->listener over %d sequential puts: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, "
						+ "max %.2f ms%n",
				LATENCY_SAMPLES, samples[LATENCY_SAMPLES / 2] / 1e6, samples[LATENCY_SAMPLES * 9 / 10] / 1e6,
				samples[LATENCY_SAMPLES * 99 / 100] / 1e6, samples[LATENCY_SAMPLES - 1] / 1e6);
	}

	private static long writeConcurrently(EtcdClient client, String prefix, int count) throws Exception {
		ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
		AtomicInteger next = new AtomicInteger();
		long began = System.nanoTime();
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < WRITERS; w++) {
				done.add(writers.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						client.kv().put(prefix + (i % 100), "value-" + i);
					}
				}));
			}
			for (Future<?> future : done) {
				future.get(5, TimeUnit.MINUTES);
			}
			return System.nanoTime() - began;
		}
		finally {
			writers.shutdownNow();
		}
	}

}
