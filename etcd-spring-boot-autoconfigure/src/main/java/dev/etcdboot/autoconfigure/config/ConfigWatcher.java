package dev.etcdboot.autoconfigure.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.cache.CacheListener;
import dev.etcdboot.client.cache.CacheOptions;
import dev.etcdboot.client.cache.CacheSnapshot;
import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdException;

/**
 * Follows an import's prefix with the client's watched local copy of a key range
 * ({@link KeyRangeCache}), loaded at the revision of the start-up read so that every
 * later change is handed over, one batch per etcd revision, in revision order, on a
 * thread of its own; after a compaction the copy hands over the difference as a resync
 * batch. When the start-up revision is already compacted, or an optional import has not
 * been read yet, it loads the current state and hands it over to replace everything
 * known.
 */
final class ConfigWatcher implements CacheListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConfigWatcher.class);

	private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	private final EtcdClient client;

	private final ConfigPlan plan;

	private final Target target;

	private final ScheduledExecutorService executor;

	private @Nullable KeyRangeCache cache;

	private boolean closed;

	private Duration pause = FIRST_PAUSE;

	ConfigWatcher(EtcdClient client, ConfigPlan plan, Target target) {
		this.client = client;
		this.plan = plan;
		this.target = target;
		this.executor = Executors.newSingleThreadScheduledExecutor(client.threads("etcd-config-refresh-"));
	}

	/**
	 * Start following, in the background.
	 * @param revision the revision of the start-up read, or 0 when there was none
	 */
	void start(long revision) {
		this.executor.execute(() -> open(revision));
	}

	private void open(long revision) {
		if (isClosed()) {
			return;
		}
		KeyRangeCache opened;
		try {
			opened = this.client.cache(this.plan.watchPrefix(),
					CacheOptions.listenerExecutor(this.executor).atRevision(revision).withListener(this));
		}
		catch (EtcdCompactedException ex) {
			logger.warn("etcd compacted revision " + revision + " of the configuration under " + this.plan.watchPrefix()
					+ " before it could be followed: reading it again");
			open(0);
			return;
		}
		catch (EtcdException ex) {
			logger.warn("Cannot follow the configuration under " + this.plan.watchPrefix() + " in etcd yet, trying "
					+ "again in " + this.pause.toMillis() + " ms: " + ex.getMessage());
			this.executor.schedule(() -> open(revision), this.pause.toMillis(), TimeUnit.MILLISECONDS);
			this.pause = min(this.pause.multipliedBy(2), MAX_PAUSE);
			return;
		}
		if (!keep(opened)) {
			opened.close();
			return;
		}
		if (revision == 0) {
			// the state loaded now replaces what was known; batches of later revisions
			// follow on this thread
			CacheSnapshot snapshot = opened.snapshot();
			run(snapshot.revision(), () -> this.target.load(snapshot));
		}
	}

	private synchronized boolean keep(KeyRangeCache opened) {
		if (this.closed) {
			return false;
		}
		this.cache = opened;
		return true;
	}

	@Override
	public void onChanges(CacheChangeBatch batch) {
		run(batch.revision(), () -> this.target.apply(batch));
	}

	@Override
	public void onCompacted(long compactRevision) {
		logger.warn("etcd compacted the history that the configuration under " + this.plan.watchPrefix()
				+ " needed (up to revision " + compactRevision + "): applying the difference read again");
	}

	private void run(long revision, Runnable delivery) {
		if (isClosed()) {
			return;
		}
		try {
			delivery.run();
		}
		catch (RuntimeException ex) {
			logger.error("Applying the configuration of etcd revision " + revision + " failed; following etcd goes on",
					ex);
		}
	}

	private synchronized boolean isClosed() {
		return this.closed;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@Override
	public void close() {
		KeyRangeCache running;
		synchronized (this) {
			this.closed = true;
			running = this.cache;
			this.cache = null;
		}
		if (running != null) {
			running.close();
		}
		this.executor.shutdownNow();
	}

	/**
	 * Receives what the watcher follows, one call at a time, in revision order.
	 */
	interface Target {

		/**
		 * Apply the changes of one revision, or the difference found after a compaction.
		 * @param batch the changes
		 */
		void apply(CacheChangeBatch batch);

		/**
		 * Replace everything known with a new read of the whole prefix.
		 * @param snapshot the read
		 */
		void load(CacheSnapshot snapshot);

	}

}
