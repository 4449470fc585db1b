package dev.etcdboot.autoconfigure.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * Follows an import's prefix with the client's lossless watch from the revision after the start-up read and
 * hands its changes, one batch per etcd revision, to a consumer on a thread of its own. When etcd compacted
 * the history the watch needed (or an optional import has not been read yet), it reads all locations again
 * in one transaction and hands that over as a resync, then watches from the revision after it.
 * <p>
 * The one place that follows etcd for configuration: it is meant to be replaced by the client's watched
 * local copy of a key range, which delivers exact per-revision batches. Until then a revision's events are
 * gathered until an event of a later revision arrives or none has arrived for {@value #QUIET_MILLIS} ms
 * (etcd sends all events of a revision in one response).
 */
final class ConfigWatcher implements WatchListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConfigWatcher.class);

	static final long QUIET_MILLIS = 5;

	private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);

	private static final Duration MAX_PAUSE = Duration.ofSeconds(30);

	private final EtcdClient client;

	private final ConfigPlan plan;

	private final Consumer<ConfigBatch> consumer;

	private final ScheduledExecutorService executor;

	private final List<WatchEvent> pending = new ArrayList<>();

	private long pendingRevision;

	private long lastEventNanos;

	private boolean flushScheduled;

	private @Nullable Watch watch;

	private boolean closed;

	private Duration pause = FIRST_PAUSE;

	ConfigWatcher(EtcdClient client, ConfigPlan plan, Consumer<ConfigBatch> consumer) {
		this.client = client;
		this.plan = plan;
		this.consumer = consumer;
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "etcd-config-refresh");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Start following.
	 * @param revision the revision of the start-up read, or 0 to read first
	 */
	void start(long revision) {
		if (revision > 0) {
			watchFrom(revision + 1);
		}
		else {
			this.executor.execute(this::resync);
		}
	}

	private void watchFrom(long revision) {
		Watch started = this.client.watch()
			.watch(this.plan.watchPrefix(), WatchOptions.builder().prefix().startRevision(revision).build(), this);
		synchronized (this) {
			if (!this.closed) {
				this.watch = started;
				return;
			}
		}
		started.close();
	}

	@Override
	public void onEvent(WatchEvent event) {
		synchronized (this) {
			if (!this.pending.isEmpty() && event.revision() != this.pendingRevision) {
				handOverPending();
			}
			this.pending.add(event);
			this.pendingRevision = event.revision();
			this.lastEventNanos = System.nanoTime();
			if (!this.flushScheduled) {
				this.flushScheduled = true;
				this.executor.schedule(this::flushWhenQuiet, QUIET_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
	}

	private synchronized void flushWhenQuiet() {
		if (this.pending.isEmpty()) {
			this.flushScheduled = false;
			return;
		}
		long quietNanos = System.nanoTime() - this.lastEventNanos;
		long neededNanos = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);
		if (quietNanos < neededNanos) {
			this.executor.schedule(this::flushWhenQuiet, neededNanos - quietNanos, TimeUnit.NANOSECONDS);
			return;
		}
		this.flushScheduled = false;
		handOverPending();
	}

	/** Queue the pending revision behind everything handed over before it; called holding the lock. */
	private void handOverPending() {
		ConfigBatch batch = new ConfigBatch(this.pendingRevision, List.copyOf(this.pending), null);
		this.pending.clear();
		this.executor.execute(() -> deliver(batch));
	}

	@Override
	public void onCompacted(long compactRevision, long resumeRevision) {
		logger.warn("etcd compacted the history that the configuration watch of " + this.plan.watchPrefix()
				+ " needed (revision " + resumeRevision + ", compacted up to " + compactRevision
				+ "): reading the configuration again");
		synchronized (this) {
			this.watch = null;
			if (!this.pending.isEmpty()) {
				handOverPending();
			}
			this.executor.execute(this::resync);
		}
	}

	@Override
	public void onError(EtcdException error) {
		logger.warn("etcd reported an error for the configuration watch of " + this.plan.watchPrefix()
				+ ", which keeps trying: " + error.getMessage());
	}

	private void resync() {
		if (isClosed()) {
			return;
		}
		ConfigSnapshot snapshot;
		try {
			snapshot = ConfigSnapshot.read(this.client, this.plan);
		}
		catch (EtcdException ex) {
			logger.warn("Cannot read the configuration under " + this.plan.watchPrefix() + " from etcd yet, trying "
					+ "again in " + this.pause.toMillis() + " ms: " + ex.getMessage());
			this.executor.schedule(this::resync, this.pause.toMillis(), TimeUnit.MILLISECONDS);
			this.pause = min(this.pause.multipliedBy(2), MAX_PAUSE);
			return;
		}
		this.pause = FIRST_PAUSE;
		deliver(new ConfigBatch(snapshot.revision(), List.of(), snapshot));
		watchFrom(snapshot.revision() + 1);
	}

	private void deliver(ConfigBatch batch) {
		if (isClosed()) {
			return;
		}
		try {
			this.consumer.accept(batch);
		}
		catch (RuntimeException ex) {
			logger.error("Applying the configuration change of etcd revision " + batch.revision()
					+ " failed; the watch goes on", ex);
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
		Watch running;
		synchronized (this) {
			this.closed = true;
			running = this.watch;
			this.watch = null;
		}
		if (running != null) {
			running.close();
		}
		this.executor.shutdownNow();
	}

}
