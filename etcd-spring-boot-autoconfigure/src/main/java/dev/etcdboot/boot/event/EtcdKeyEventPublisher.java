package dev.etcdboot.boot.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;

import dev.etcdboot.client.EtcdClient;

/**
 * Publishes the changes of watched prefixes and keys as {@link EtcdKeyChangedEvent}s, and
 * compaction, resync and connection changes as the other {@link EtcdWatchEvent}s. Watches
 * registered before the application is ready start on {@link ApplicationReadyEvent},
 * before the application's own listeners of that event run (so changes they make are
 * published); later ones start at once. All stop when the context closes, before any bean
 * is destroyed.
 * <p>
 * Each watch is a {@link dev.etcdboot.client.cache.KeyRangeCache} of its prefix (for a
 * key, of the keys that start with it), which holds those keys and values in memory:
 * starting it reads the prefix's current state (one range read) and follows it from the
 * revision after it, so every change made after the start is published exactly once, in
 * revision order. The first start runs on the caller's thread (taking at most the
 * client's call timeout), so a change made once the application is ready is never missed;
 * when etcd cannot be reached, an {@link EtcdConnectionLostEvent} is published and the
 * watch keeps trying in the background with a growing, jittered pause (up to 30 s), then
 * publishes an {@link EtcdConnectionRestoredEvent}. After a compaction the cache's
 * difference is published (see {@link EtcdWatchCompactedEvent}).
 * <p>
 * Events are published on the watch's delivery thread, one at a time per watch: a slow
 * listener holds up its watch only (which buffers, then pauses on etcd without losing
 * changes), never the others.
 */
public final class EtcdKeyEventPublisher
		implements ApplicationListener<ApplicationReadyEvent>, SmartLifecycle, Ordered {

	private final EtcdClient client;

	private final ApplicationEventPublisher eventPublisher;

	private final int bufferSize;

	private final List<WatchedRange> watches = new CopyOnWriteArrayList<>();

	private @Nullable ScheduledExecutorService scheduler;

	private boolean ready;

	private boolean running;

	/**
	 * Create a publisher.
	 * @param client the client to watch with
	 * @param eventPublisher where to publish the events
	 * @param bufferSize how many changes each watch holds for slow listeners before it
	 * pauses on etcd
	 */
	public EtcdKeyEventPublisher(EtcdClient client, ApplicationEventPublisher eventPublisher, int bufferSize) {
		this.client = client;
		this.eventPublisher = eventPublisher;
		this.bufferSize = bufferSize;
	}

	/**
	 * Publish the changes of every key under a prefix.
	 * @param prefix the prefix, such as {@code /config/}
	 * @return the watch, to close when no longer needed
	 * @throws IllegalArgumentException when the prefix is empty
	 */
	public EtcdKeyWatch watchPrefix(String prefix) {
		return register(prefix, true);
	}

	/**
	 * Publish the changes of one key.
	 * @param key the key, such as {@code /feature-flags}
	 * @return the watch, to close when no longer needed
	 * @throws IllegalArgumentException when the key is empty
	 */
	public EtcdKeyWatch watchKey(String key) {
		return register(key, false);
	}

	/**
	 * Return the watches registered and not closed.
	 * @return the watches
	 */
	public List<EtcdKeyWatch> getWatches() {
		return List.copyOf(this.watches);
	}

	private EtcdKeyWatch register(String watched, boolean prefix) {
		if (watched.isEmpty()) {
			throw new IllegalArgumentException(
					"An etcd " + (prefix ? "prefix" : "key") + " to watch must not be empty");
		}
		WatchedRange watch;
		boolean start;
		synchronized (this) {
			watch = new WatchedRange(this, watched, prefix);
			this.watches.add(watch);
			start = this.ready && this.running;
		}
		if (start) {
			watch.start();
		}
		return watch;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		synchronized (this) {
			if (this.ready) {
				return;
			}
			this.ready = true;
			if (!this.running) {
				return;
			}
		}
		this.watches.forEach(WatchedRange::start);
	}

	@Override
	public void start() {
		synchronized (this) {
			this.running = true;
			if (!this.ready) {
				return;
			}
		}
		this.watches.forEach(WatchedRange::start);
	}

	@Override
	public void stop() {
		ScheduledExecutorService stopped;
		synchronized (this) {
			this.running = false;
			stopped = this.scheduler;
			this.scheduler = null;
		}
		this.watches.forEach(WatchedRange::stop);
		if (stopped != null) {
			stopped.shutdownNow();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	EtcdClient client() {
		return this.client;
	}

	ApplicationEventPublisher eventPublisher() {
		return this.eventPublisher;
	}

	int bufferSize() {
		return this.bufferSize;
	}

	/**
	 * Run a task later on the publisher's thread, unless the publisher has stopped.
	 * @param task the task
	 * @param delayMillis the delay
	 */
	synchronized void schedule(Runnable task, long delayMillis) {
		if (!this.running) {
			return;
		}
		if (this.scheduler == null) {
			ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
					this.client.threads("etcd-key-events-"));
			executor.setRemoveOnCancelPolicy(true);
			this.scheduler = executor;
		}
		this.scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	void closed(WatchedRange watch) {
		this.watches.remove(watch);
	}

}
