package dev.etcdboot.autoconfigure.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * One watched prefix or key: reads the current state, watches from the revision after it, publishes each
 * change, and after a compaction rereads and publishes the difference. Keeps each known key's last
 * revision for that difference.
 */
final class WatchedRange implements EtcdKeyWatch, WatchListener {

	private static final Log logger = LogFactory.getLog(WatchedRange.class);

	private static final long FIRST_PAUSE_MILLIS = 1000;

	private static final long MAX_PAUSE_MILLIS = 30_000;

	private final EtcdKeyEventPublisher publisher;

	private final String watched;

	private final boolean prefix;

	/** Each known key's revision; written only by the thread that delivers or (re)starts, one at a time. */
	private final Map<String, Long> known = new HashMap<>();

	private long lastRevision;

	private @Nullable Watch watch;

	private boolean started;

	private boolean closed;

	private boolean lost;

	private long pauseMillis = FIRST_PAUSE_MILLIS;

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
		connect(0);
	}

	/**
	 * Stop watching for now (the context is closing); {@link #start()} may follow.
	 */
	void stop() {
		Watch running;
		synchronized (this) {
			this.started = false;
			running = this.watch;
			this.watch = null;
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
	 * Read the state and watch from the revision after it; after a compaction, publish the difference to
	 * what was known first. On failure, try again later.
	 * @param compactedResumeRevision the revision a compacted watch needed, or 0 for a first start
	 */
	private void connect(long compactedResumeRevision) {
		if (!isActive()) {
			return;
		}
		try {
			boolean resync = compactedResumeRevision > 0;
			GetResult state = this.publisher.client().kv().get(this.watched, readOptions(resync));
			long revision = state.header().revision();
			if (resync) {
				publishDifference(state.kvs(), revision, compactedResumeRevision);
			}
			else {
				this.known.clear();
				state.kvs().forEach((kv) -> this.known.put(kv.keyAsString(), kv.modRevision()));
			}
			this.lastRevision = revision;
			restored();
			watchFrom(revision + 1);
		}
		catch (EtcdException ex) {
			lost(ex);
			long pause = this.pauseMillis;
			this.pauseMillis = Math.min(pause * 2, MAX_PAUSE_MILLIS);
			logger.warn("Cannot watch etcd " + describe() + " yet, trying again in " + pause + " ms: "
					+ ex.getMessage());
			this.publisher.schedule(() -> connect(compactedResumeRevision), pause);
		}
	}

	private GetOptions readOptions(boolean withValues) {
		GetOptions.Builder options = GetOptions.builder();
		if (this.prefix) {
			options.prefix();
		}
		if (!withValues) {
			options.keysOnly();
		}
		return options.build();
	}

	private void watchFrom(long revision) {
		WatchOptions.Builder options = WatchOptions.builder()
			.startRevision(revision)
			.prevKv()
			.bufferSize(this.publisher.bufferSize());
		if (this.prefix) {
			options.prefix();
		}
		Watch started = this.publisher.client().watch().watch(this.watched, options.build(), this);
		boolean keep;
		synchronized (this) {
			keep = this.started && !this.closed;
			if (keep) {
				this.watch = started;
			}
		}
		if (!keep) {
			started.close();
		}
	}

	@Override
	public void onEvent(WatchEvent event) {
		if (event.revision() < this.lastRevision) {
			return; // already published: never twice, never out of order
		}
		this.lastRevision = event.revision();
		remember(event);
		this.publisher.eventPublisher()
			.publishEvent(new EtcdKeyChangedEvent(this.publisher, this.watched, event, false));
	}

	@Override
	public void onCompacted(long compactRevision, long resumeRevision) {
		synchronized (this) {
			this.watch = null;
		}
		logger.warn("etcd compacted the history that the watch of " + describe() + " needed (revision " + resumeRevision
				+ ", compacted up to " + compactRevision + "): rereading it and publishing the difference");
		publishSafely(new EtcdWatchCompactedEvent(this.publisher, this.watched, compactRevision, resumeRevision));
		connect(resumeRevision);
	}

	@Override
	public void onDisconnected(EtcdException cause) {
		lost(cause);
	}

	@Override
	public void onReconnected() {
		restored();
	}

	@Override
	public void onError(EtcdException error) {
		logger.warn("etcd reported an error for the watch " + describe() + ", which keeps trying: "
				+ error.getMessage());
	}

	private void publishDifference(List<KeyValue> current, long revision, long resumeRevision) {
		List<WatchEvent> changes = new ArrayList<>();
		Map<String, Long> gone = new HashMap<>(this.known);
		for (KeyValue kv : current) {
			String key = kv.keyAsString();
			Long knownRevision = gone.remove(key);
			if (knownRevision == null || knownRevision < kv.modRevision()) {
				changes.add(new WatchEvent(WatchEvent.Type.PUT, kv, null));
			}
		}
		changes.sort(Comparator.comparingLong(WatchEvent::revision));
		gone.keySet().stream().sorted().forEach((key) -> changes.add(new WatchEvent(WatchEvent.Type.DELETE,
				new KeyValue(key.getBytes(StandardCharsets.UTF_8), 0, revision, 0, null, 0), null)));
		for (WatchEvent change : changes) {
			remember(change);
			publishSafely(new EtcdKeyChangedEvent(this.publisher, this.watched, change, true));
		}
		publishSafely(new EtcdWatchResyncedEvent(this.publisher, this.watched, resumeRevision, revision,
				changes.size()));
	}

	private void remember(WatchEvent event) {
		if (event.type() == WatchEvent.Type.PUT) {
			this.known.put(event.key(), event.revision());
		}
		else {
			this.known.remove(event.key());
		}
	}

	private void lost(EtcdException cause) {
		if (!this.lost) {
			this.lost = true;
			publishSafely(new EtcdConnectionLostEvent(this.publisher, this.watched, cause));
		}
	}

	private void restored() {
		this.pauseMillis = FIRST_PAUSE_MILLIS;
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
