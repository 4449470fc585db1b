package dev.etcdboot.boot.event;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.cache.CacheListener;
import dev.etcdboot.client.cache.CacheOptions;
import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.internal.Backoff;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * One watched prefix or key, published from a {@link KeyRangeCache} of the prefix (for a
 * key, of the keys that start with it): each change once, in revision order, and after a
 * compaction the difference the cache found, marked as resync. Only the first start is
 * retried here, while etcd cannot be read.
 */
final class WatchedRange implements EtcdKeyWatch, CacheListener {

	private static final Log logger = LogFactory.getLog(WatchedRange.class);

	private static final Backoff START_BACKOFF = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

	private final EtcdKeyEventPublisher publisher;

	private final String watched;

	private final boolean prefix;

	private @Nullable KeyRangeCache cache;

	private boolean started;

	private boolean closed;

	private volatile boolean lost;

	private volatile long resumeRevision;

	private int failedStarts;

	WatchedRange(EtcdKeyEventPublisher publisher, String watched, boolean prefix) {
		this.publisher = publisher;
		this.watched = watched;
		this.prefix = prefix;
	}

	@Override
	public String getWatchedPrefix() {
		return this.watched;
	}

	@Override
	public boolean isPrefix() {
		return this.prefix;
	}

	/**
	 * Start watching: on this thread when etcd answers, else in the background.
	 */
	void start() {
		synchronized (this) {
			if (this.started || this.closed) {
				return;
			}
			this.started = true;
		}
		connect();
	}

	/**
	 * Stop watching for now (the context is closing); {@link #start()} may follow.
	 */
	void stop() {
		KeyRangeCache running;
		synchronized (this) {
			this.started = false;
			running = this.cache;
			this.cache = null;
		}
		if (running != null) {
			running.close();
		}
	}

	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		stop();
		this.publisher.closed(this);
	}

	/**
	 * Load the range and follow it; on failure, try again later.
	 */
	private void connect() {
		if (!isActive()) {
			return;
		}
		KeyRangeCache opened;
		try {
			opened = this.publisher.client()
				.cache(this.watched,
						CacheOptions.defaults().withBufferSize(this.publisher.bufferSize()).withListener(this));
		}
		catch (EtcdException ex) {
			onConnectionLost(ex);
			long pause = START_BACKOFF.delay(++this.failedStarts).toMillis();
			logger
				.warn("Cannot watch etcd " + describe() + " yet, trying again in " + pause + " ms: " + ex.getMessage());
			this.publisher.schedule(this::connect, pause);
			return;
		}
		this.failedStarts = 0;
		onConnectionRestored();
		boolean keep;
		synchronized (this) {
			keep = this.started && !this.closed;
			if (keep) {
				this.cache = opened;
			}
		}
		if (!keep) {
			opened.close();
		}
	}

	@Override
	public void onChanges(CacheChangeBatch batch) {
		int published = 0;
		for (WatchEvent change : batch.changes()) {
			if (this.prefix || change.key().equals(this.watched)) {
				EtcdKeyChangedEvent event = new EtcdKeyChangedEvent(this.publisher, this.watched, change,
						batch.resync());
				publishSafely(event);
				published++;
			}
		}
		if (batch.resync()) {
			publishSafely(new EtcdWatchResyncedEvent(this.publisher, this.watched, this.resumeRevision,
					batch.revision(), published));
		}
	}

	@Override
	public void onCompacted(long compactRevision, long resumeRevision) {
		this.resumeRevision = resumeRevision;
		logger.warn("etcd compacted the history that the watch of " + describe() + " needed (revision " + resumeRevision
				+ ", compacted up to " + compactRevision + "): rereading it and publishing the difference");
		publishSafely(new EtcdWatchCompactedEvent(this.publisher, this.watched, compactRevision, resumeRevision));
	}

	@Override
	public void onConnectionLost(EtcdException cause) {
		if (!this.lost) {
			this.lost = true;
			publishSafely(new EtcdConnectionLostEvent(this.publisher, this.watched, cause));
		}
	}

	@Override
	public void onConnectionRestored() {
		if (this.lost) {
			this.lost = false;
			publishSafely(new EtcdConnectionRestoredEvent(this.publisher, this.watched));
		}
	}

	private void publishSafely(EtcdWatchEvent event) {
		try {
			this.publisher.eventPublisher().publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.error("A listener failed on " + event + "; publishing goes on", ex);
		}
	}

	private synchronized boolean isActive() {
		return this.started && !this.closed;
	}

	private String describe() {
		return (this.prefix ? "prefix " : "key ") + this.watched;
	}

	@Override
	public String toString() {
		return "EtcdKeyWatch[" + describe() + "]";
	}

}
