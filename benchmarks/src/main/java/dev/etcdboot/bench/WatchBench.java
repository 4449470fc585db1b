package dev.etcdboot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watch benchmarks: one prefix watch under a stream of puts, and many single-key watches
 * at once.
 */
final class WatchBench {

	static final int WRITERS = 16;

	private static final int KEYS_PER_WRITER = 50;

	private static final int PREFIXES = 4;

	private static final int PROBED_WATCHES = 200;

	private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

	private WatchBench() {
	}

	/**
	 * One prefix watch while {@value #WRITERS} threads put under the prefix as fast as
	 * they can, through the same client. Each value carries its writer, its sequence
	 * number and the time its put started.
	 */
	static Stream stream(BenchClient client, String prefix, long writeNanos) {
		long start = client.put(prefix + "start", new byte[] { 1 });
		Receiver receiver = new Receiver();
		long cpu0 = ProcessMeters.cpuNanos();
		long begin = System.nanoTime();
		long[] issued = new long[WRITERS];
		try (AutoCloseable watch = client.watch(prefix + "w/", true, start + 1, receiver::accept)) {
			List<Thread> writers = new ArrayList<>();
			long end = begin + writeNanos;
			for (int w = 0; w < WRITERS; w++) {
				int writer = w;
				Thread thread = new Thread(() -> {
					for (long seq = 0; System.nanoTime() - end < 0; seq++) {
						client.put(prefix + "w/" + writer + "/" + (seq % KEYS_PER_WRITER),
								value(writer, seq, System.nanoTime()));
						issued[writer] = seq + 1;
					}
				}, "watch-writer-" + w);
				writers.add(thread);
				thread.start();
			}
			for (Thread writer : writers) {
				writer.join();
			}
			long expected = Arrays.stream(issued).sum();
			long deadline = System.nanoTime() + DRAIN_NANOS;
			while (receiver.count() < expected && System.nanoTime() - deadline < 0) {
				Load.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
			}
			long cpu = ProcessMeters.cpuNanos() - cpu0;
			return receiver.result(expected, issued, begin, cpu);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Watch benchmark of " + client.name() + " failed", ex);
		}
	}

	/**
	 * {@code count} watches on distinct keys under {@value #PREFIXES} prefixes; then two
	 * puts to each of {@value #PROBED_WATCHES} of those keys, the first to make sure the
	 * watches are live, the second timed.
	 */
	static Many many(BenchClient client, String base, int count, int etcdPort) {
		client.put(base + "warm", new byte[] { 1 });
		int threads0 = ProcessMeters.threads();
		int connections0 = connections(etcdPort);
		long heap0 = heapAfterGc();
		long start = client.put(base + "start", new byte[] { 1 });
		AtomicIntegerArray received = new AtomicIntegerArray(count);
		List<Long> latencies = new ArrayList<>();
		AtomicLong events = new AtomicLong();
		List<AutoCloseable> watches = new ArrayList<>(count);
		long setup = System.nanoTime();
		for (int i = 0; i < count; i++) {
			int index = i;
			watches.add(client.watch(key(base, i), false, start + 1, (event) -> {
				received.incrementAndGet(index);
				events.incrementAndGet();
				long sent = ByteBuffer.wrap(event.value()).getLong(12);
				if (sent > 0) {
					synchronized (latencies) {
						latencies.add(System.nanoTime() - sent);
					}
				}
			}));
		}
		double setupMillis = (System.nanoTime() - setup) / 1e6;
		int step = count / PROBED_WATCHES;
		for (int round = 0; round < 2; round++) {
			for (int p = 0; p < PROBED_WATCHES; p++) {
				// the first round carries no send time: it only shows that the watches
				// are live
				client.put(key(base, p * step), value(0, round, (round == 0) ? 0 : System.nanoTime()));
			}
			long expected = (long) (round + 1) * PROBED_WATCHES;
			long deadline = System.nanoTime() + DRAIN_NANOS;
			while (events.get() < expected && System.nanoTime() - deadline < 0) {
				Load.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5));
			}
		}
		int threads = ProcessMeters.threads() - threads0;
		int connections = connections(etcdPort) - connections0;
		long heap = heapAfterGc() - heap0;
		boolean exactlyOnce = events.get() == 2L * PROBED_WATCHES;
		for (int i = 0; i < count; i++) {
			int expected = (i % step == 0 && i / step < PROBED_WATCHES) ? 2 : 0;
			exactlyOnce &= received.get(i) == expected;
		}
		for (AutoCloseable watch : watches) {
			try {
				watch.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot close a watch of " + client.name(), ex);
			}
		}
		long[] sorted;
		synchronized (latencies) {
			sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		}
		return new Many(count, threads, connections, heap / 1e6, setupMillis, Load.percentile(sorted, 0.5) / 1e3,
				Load.percentile(sorted, 0.99) / 1e3, events.get(), exactlyOnce);
	}

	private static String key(String base, int index) {
		return base + (index % PREFIXES) + "/" + index;
	}

	static byte[] value(int writer, long seq, long sentNanos) {
		return ByteBuffer.allocate(Load.VALUE_SIZE).putInt(writer).putLong(seq).putLong(sentNanos).array();
	}

	private static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/**
	 * Established TCP connections to the etcd port, from this machine's socket tables.
	 */
	static int connections(int port) {
		String remote = String.format(Locale.ROOT, ":%04X", port);
		int count = 0;
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(table))) {
					String[] fields = line.trim().split("\\s+");
					// sl local_address rem_address st ...; st 01 is ESTABLISHED
					if (fields.length > 3 && fields[2].endsWith(remote) && fields[3].equals("01")) {
						count++;
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + table, ex);
			}
		}
		return count;
	}

	/**
	 * What the prefix watch measured.
	 *
	 * @param eventsPerSecond events delivered per second, from the first put to the last
	 * event
	 * @param p50 median time from a put's start to its event's delivery, microseconds
	 * @param p99 99th percentile of the same
	 * @param cpuPerEvent client process CPU per event (writers included), microseconds
	 * @param events events delivered
	 * @param exactlyOnceInOrder whether every put arrived once, per writer in order, in
	 * revision order
	 * @param problem the first violation, empty when none
	 */
	record Stream(double eventsPerSecond, double p50, double p99, double cpuPerEvent, long events,
			boolean exactlyOnceInOrder, String problem) {
	}

	/**
	 * What many watches measured.
	 *
	 * @param watches the number of watches
	 * @param threads threads added by them
	 * @param connections connections to etcd added by them
	 * @param heapMb heap held by them after GC, MB
	 * @param setupMillis time to create them
	 * @param p50 median delivery latency from a put's start, microseconds
	 * @param p99 99th percentile of the same
	 * @param events events delivered
	 * @param exactlyOnce whether each probed watch got exactly its two events and no
	 * other watch any
	 */
	record Many(int watches, int threads, int connections, double heapMb, double setupMillis, double p50, double p99,
			long events, boolean exactlyOnce) {
	}

	/**
	 * Checks and times the events of the prefix watch; called by one thread at a time.
	 */
	private static final class Receiver {

		private final long[] next = new long[WRITERS];

		private long[] latencies = new long[1 << 16];

		private int count;

		private long lastRevision;

		private long lastEvent;

		private String problem = "";

		synchronized void accept(BenchClient.Event event) {
			long now = System.nanoTime();
			ByteBuffer value = ByteBuffer.wrap(event.value());
			int writer = value.getInt(0);
			long seq = value.getLong(4);
			if (this.problem.isEmpty()) {
				if (seq != this.next[writer]) {
					this.problem = "writer " + writer + ": expected put " + this.next[writer] + ", got " + seq;
				}
				else if (event.revision() < this.lastRevision) {
					this.problem = "revision " + event.revision() + " after " + this.lastRevision;
				}
			}
			this.next[writer] = Math.max(this.next[writer], seq + 1);
			this.lastRevision = Math.max(this.lastRevision, event.revision());
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = now - value.getLong(12);
			this.lastEvent = now;
		}

		synchronized long count() {
			return this.count;
		}

		synchronized Stream result(long expected, long[] issued, long begin, long cpu) {
			String failure = this.problem;
			if (failure.isEmpty() && this.count != expected) {
				failure = this.count + " events for " + expected + " puts";
			}
			for (int w = 0; w < WRITERS && failure.isEmpty(); w++) {
				if (this.next[w] != issued[w]) {
					failure = "writer " + w + ": " + issued[w] + " puts, events up to " + this.next[w];
				}
			}
			long[] sorted = Arrays.copyOf(this.latencies, this.count);
			Arrays.sort(sorted);
			return new Stream(this.count / ((this.lastEvent - begin) / 1e9), Load.percentile(sorted, 0.5) / 1e3,
					Load.percentile(sorted, 0.99) / 1e3, cpu / 1e3 / Math.max(1, this.count), this.count,
					failure.isEmpty(), failure);
		}

	}

}
