package dev.etcdboot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs one operation from a number of threads as fast as they can, and measures a window
 * in the middle: throughput, latency, and the CPU time and allocations of the client
 * process and of etcd.
 */
final class Load {

	static final int VALUE_SIZE = 256;

	static final int KEYS_PER_THREAD = 100;

	/** The measured operations. */
	enum Operation {

		PUT("put"), GET_SERIALIZABLE("get (serializable)"), GET_LINEARIZABLE("get (linearizable)");

		final String label;

		Operation(String label) {
			this.label = label;
		}

	}

	private Load() {
	}

	static byte[] value(long seed) {
		byte[] value = new byte[VALUE_SIZE];
		new Random(seed).nextBytes(value);
		return value;
	}

	static String key(int thread, int index) {
		return "/bench/kv/" + thread + "/" + index;
	}

	/** Writes every key the gets will read. */
	static void preload(BenchClient client, int threads) {
		byte[] value = value(0);
		for (int thread = 0; thread < threads; thread++) {
			for (int i = 0; i < KEYS_PER_THREAD; i++) {
				client.put(key(thread, i), value);
			}
		}
	}

	static Measurement run(BenchClient client, Operation operation, int concurrency, long warmupNanos,
			long measureNanos, LocalEtcd etcd) {
		long begin = System.nanoTime();
		long start = begin + warmupNanos;
		long end = start + measureNanos;
		AtomicLong errors = new AtomicLong();
		List<Worker> workers = new ArrayList<>(concurrency);
		for (int i = 0; i < concurrency; i++) {
			Worker worker = new Worker(client, operation, i, start, end, errors);
			workers.add(worker);
		}
		workers.forEach(Thread::start);
		sleepUntil(start);
		long cpu0 = ProcessMeters.cpuNanos();
		long etcd0 = etcd.cpuNanos();
		long alloc0 = ProcessMeters.allocatedBytes();
		long t0 = System.nanoTime();
		sleepUntil(end);
		long cpu1 = ProcessMeters.cpuNanos();
		long etcd1 = etcd.cpuNanos();
		long alloc1 = ProcessMeters.allocatedBytes();
		long t1 = System.nanoTime();
		long[] latencies = join(workers);
		if (errors.get() > 0) {
			throw new IllegalStateException(errors.get() + " " + operation.label + " calls of " + client.name()
					+ " failed; first: " + workers.get(0).failure);
		}
		int ops = latencies.length;
		Arrays.sort(latencies);
		double seconds = (t1 - t0) / 1e9;
		return new Measurement(ops / seconds, percentile(latencies, 0.50) / 1e3, percentile(latencies, 0.99) / 1e3,
				(cpu1 - cpu0) / 1e3 / ops, (etcd1 - etcd0) / 1e3 / ops, (double) (alloc1 - alloc0) / ops);
	}

	private static long[] join(List<Worker> workers) {
		int total = 0;
		for (Worker worker : workers) {
			try {
				worker.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
			total += worker.count;
		}
		long[] all = new long[total];
		int offset = 0;
		for (Worker worker : workers) {
			System.arraycopy(worker.latencies, 0, all, offset, worker.count);
			offset += worker.count;
		}
		return all;
	}

	static double percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
	}

	static void sleepUntil(long deadline) {
		for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
			LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
		}
	}

	/**
	 * What one run measured.
	 *
	 * @param throughput operations per second
	 * @param p50 median latency, microseconds
	 * @param p99 99th percentile latency, microseconds
	 * @param cpuPerOp client process CPU per operation, microseconds
	 * @param etcdCpuPerOp etcd CPU per operation, microseconds
	 * @param allocPerOp bytes allocated by the client process per operation
	 */
	record Measurement(double throughput, double p50, double p99, double cpuPerOp, double etcdCpuPerOp,
			double allocPerOp) {
	}

	private static final class Worker extends Thread {

		private final BenchClient client;

		private final Operation operation;

		private final int index;

		private final long start;

		private final long end;

		private final AtomicLong errors;

		private final byte[] value;

		private long[] latencies = new long[16384];

		private int count;

		private volatile Throwable failure;

		Worker(BenchClient client, Operation operation, int index, long start, long end, AtomicLong errors) {
			super("load-" + index);
			this.client = client;
			this.operation = operation;
			this.index = index;
			this.start = start;
			this.end = end;
			this.errors = errors;
			this.value = value(index + 1);
		}

		@Override
		public void run() {
			for (int i = 0;; i++) {
				String key = key(this.index, i % KEYS_PER_THREAD);
				long t0 = System.nanoTime();
				try {
					switch (this.operation) {
						case PUT -> this.client.put(key, this.value);
						case GET_SERIALIZABLE -> this.client.get(key, true);
						case GET_LINEARIZABLE -> this.client.get(key, false);
					}
				}
				catch (RuntimeException ex) {
					this.failure = ex;
					this.errors.incrementAndGet();
					return;
				}
				long t1 = System.nanoTime();
				if (t1 - this.end > 0) {
					return;
				}
				if (t0 - this.start >= 0) {
					record(t1 - t0);
				}
			}
		}

		private void record(long nanos) {
			if (this.count == this.latencies.length) {
				this.latencies = Arrays.copyOf(this.latencies, this.count * 2);
			}
			this.latencies[this.count++] = nanos;
		}

	}

}
