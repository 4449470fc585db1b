package dev.etcdboot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures any call the way {@link Load} measures puts and gets: from a number of
 * blocking threads, or from one thread that keeps a number of asynchronous calls in
 * flight. Calls that start after the warm-up and end before the window closes are timed;
 * CPU and allocations are those of the window.
 */
final class CallLoad {

	private CallLoad() {
	}

	/** A blocking call, made by thread {@code thread} for the {@code index}th time. */
	interface Call {

		void run(int thread, int index);

	}

	/** An asynchronous call, the {@code index}th. */
	interface AsyncCall {

		CompletableFuture<?> start(int index);

	}

	/** Runs a blocking call from {@code threads} threads, each as fast as it can. */
	static Load.Measurement threads(String label, Call call, int threads, long warmupNanos, long measureNanos,
			LocalEtcd etcd) {
		long start = System.nanoTime() + warmupNanos;
		long end = start + measureNanos;
		Latencies latencies = new Latencies();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			workers.add(new Thread(() -> {
				for (int i = 0;; i++) {
					long t0 = System.nanoTime();
					try {
						call.run(thread, i);
					}
					catch (RuntimeException ex) {
						failure.compareAndSet(null, ex);
						return;
					}
					long t1 = System.nanoTime();
					if (t1 - end > 0) {
						return;
					}
					if (t0 - start >= 0) {
						latencies.add(t1 - t0);
					}
				}
			}, "load-" + t));
		}
		workers.forEach(Thread::start);
		return measure(label, latencies, failure, start, end, etcd, () -> workers.forEach(CallLoad::join));
	}

	/**
	 * Runs an asynchronous call from one thread that keeps {@code inFlight} of them in
	 * flight.
	 */
	static Load.Measurement inFlight(String label, AsyncCall call, int inFlight, long warmupNanos, long measureNanos,
			LocalEtcd etcd) {
		long start = System.nanoTime() + warmupNanos;
		long end = start + measureNanos;
		Latencies latencies = new Latencies();
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Semaphore slots = new Semaphore(inFlight);
		Thread caller = new Thread(() -> {
			for (int i = 0; failure.get() == null; i++) {
				slots.acquireUninterruptibly();
				long t0 = System.nanoTime();
				if (t0 - end > 0) {
					slots.release();
					break;
				}
				call.start(i).whenComplete((result, ex) -> {
					long t1 = System.nanoTime();
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
					else if (t0 - start >= 0 && t1 - end <= 0) {
						latencies.add(t1 - t0);
					}
					slots.release();
				});
			}
			try {
				if (!slots.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
					failure.compareAndSet(null, new IllegalStateException("Calls still in flight after 60 s"));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "load-caller");
		caller.start();
		return measure(label, latencies, failure, start, end, etcd, () -> join(caller));
	}

	private static Load.Measurement measure(String label, Latencies latencies, AtomicReference<Throwable> failure,
			long start, long end, LocalEtcd etcd, Runnable join) {
		Load.sleepUntil(start);
		long cpu0 = ProcessMeters.cpuNanos();
		long etcd0 = etcd.cpuNanos();
		long alloc0 = ProcessMeters.allocatedBytes();
		long t0 = System.nanoTime();
		Load.sleepUntil(end);
		long cpu1 = ProcessMeters.cpuNanos();
		long etcd1 = etcd.cpuNanos();
		long alloc1 = ProcessMeters.allocatedBytes();
		long t1 = System.nanoTime();
		join.run();
		if (failure.get() != null) {
			throw new IllegalStateException(label + " failed", failure.get());
		}
		long[] sorted = latencies.sorted();
		int ops = sorted.length;
		double seconds = (t1 - t0) / 1e9;
		return new Load.Measurement(ops / seconds, Load.percentile(sorted, 0.50) / 1e3,
				Load.percentile(sorted, 0.99) / 1e3, (cpu1 - cpu0) / 1e3 / ops, (etcd1 - etcd0) / 1e3 / ops,
				(double) (alloc1 - alloc0) / ops);
	}

	private static void join(Thread thread) {
		try {
			thread.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	/** Latencies recorded from any thread. */
	private static final class Latencies {

		private long[] values = new long[65536];

		private int count;

		synchronized void add(long nanos) {
			if (this.count == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.values.length * 2);
			}
			this.values[this.count++] = nanos;
		}

		synchronized long[] sorted() {
			long[] copy = Arrays.copyOf(this.values, this.count);
			Arrays.sort(copy);
			return copy;
		}

	}

}
