package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.lease.LeaseClient;
import dev.etcdboot.client.watch.WatchClient;

/**
 * What locks and elections share: the client's APIs, one timer thread and a bounded pool
 * for the short blocking calls (grants, transactions, keep-alives). Waiting costs no
 * thread: a waiter is one watch on the client's shared watch stream.
 */
public final class Coordination implements AutoCloseable {

	private static final long THREAD_KEEP_ALIVE_MILLIS = 2000;

	/** The most calls in flight at once, whatever the number of locks and waiters. */
	public static final int MAX_CALL_THREADS = 64;

	private final KvClient kv;

	private final WatchClient watch;

	private final LeaseClient lease;

	private final EtcdTransport transport;

	private final ScheduledThreadPoolExecutor timer;

	private final ThreadPoolExecutor calls;

	private final Set<Acquisition> pending = ConcurrentHashMap.newKeySet();

	Coordination(KvClient kv, WatchClient watch, LeaseClient lease, EtcdTransport transport, ThreadFactory threads,
			String threadPrefix) {
		this.kv = kv;
		this.watch = watch;
		this.lease = lease;
		this.transport = transport;
		this.timer = new ScheduledThreadPoolExecutor(1, ClientThreads.named(threads, threadPrefix + "timer-"));
		this.timer.setKeepAliveTime(THREAD_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
		this.timer.allowCoreThreadTimeOut(true);
		this.timer.setRemoveOnCancelPolicy(true);
		this.calls = new ThreadPoolExecutor(MAX_CALL_THREADS, MAX_CALL_THREADS, THREAD_KEEP_ALIVE_MILLIS,
				TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
				ClientThreads.named(threads, threadPrefix + "call-"));
		this.calls.allowCoreThreadTimeOut(true);
	}

	KvClient kv() {
		return this.kv;
	}

	WatchClient watch() {
		return this.watch;
	}

	LeaseClient lease() {
		return this.lease;
	}

	EtcdTransport transport() {
		return this.transport;
	}

	Executor calls() {
		return this.calls;
	}

	/** The timer of the coordination tasks; it runs no call. */
	ScheduledExecutorService timer() {
		return this.timer;
	}

	ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		try {
			return this.timer.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("The etcd client is closed", ex);
		}
	}

	/**
	 * Return whether {@link #close()} was called: calls that fail from then on fail
	 * because the client is closing.
	 * @return whether closed
	 */
	boolean isClosed() {
		return this.calls.isShutdown();
	}

	/**
	 * Remember an acquisition until it completes, to end it if the client closes first.
	 */
	void track(Acquisition acquisition) {
		this.pending.add(acquisition);
		if (isClosed()) {
			acquisition.clientClosed();
		}
	}

	void untrack(Acquisition acquisition) {
		this.pending.remove(acquisition);
	}

	/**
	 * Stop the threads and end the acquisitions still under way; their leases expire
	 * within their TTL.
	 */
	@Override
	public void close() {
		this.timer.shutdownNow();
		this.calls.shutdownNow();
		this.pending.forEach(Acquisition::clientClosed);
	}

}
