package dev.etcdboot.cloud.discovery.internal;

import java.time.Duration;
import java.util.List;
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
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * A {@link RangeMirror} backed by the client's {@link KeyRangeCache}: the listener hears
 * the loaded range as one batch, then every batch after it, each once and in revision
 * order (a resync after compaction as the difference it is). When etcd cannot be read at
 * start, the mirror starts empty and opens the cache once etcd answers, one attempt per
 * retry interval.
 */
public final class KeyRangeCacheMirror implements RangeMirror, CacheListener {

	private static final Log logger = LogFactory.getLog(KeyRangeCacheMirror.class);

	private final EtcdClient client;

	private final String prefix;

	private final Listener listener;

	private final Duration retryInterval;

	private final ScheduledExecutorService opening;

	private @Nullable KeyRangeCache cache;

	/**
	 * The revision handed to the listener last; batches up to it are already reflected.
	 */
	private long delivered;

	private boolean loaded;

	private boolean closed;

	private volatile boolean connected;

	private KeyRangeCacheMirror(EtcdClient client, String prefix, Listener listener, Duration retryInterval) {
		this.client = client;
		this.prefix = prefix;
		this.listener = listener;
		this.retryInterval = retryInterval;
		this.opening = Executors.newSingleThreadScheduledExecutor(client.threads("etcd-discovery-cache-open-"));
	}

	/**
	 * Start mirroring a range: the listener hears its content before this method returns
	 * when etcd answers; otherwise the mirror starts empty and keeps trying.
	 * @param client the client
	 * @param prefix the key prefix of the range
	 * @param listener hears the changes
	 * @param retryInterval the pause between two attempts to open the cache
	 * @return the running mirror
	 */
	public static KeyRangeCacheMirror start(EtcdClient client, String prefix, Listener listener,
			Duration retryInterval) {
		KeyRangeCacheMirror mirror = new KeyRangeCacheMirror(client, prefix, listener, retryInterval);
		mirror.open();
		return mirror;
	}

	private void open() {
		KeyRangeCache opened;
		try {
			opened = this.client.cache(this.prefix, CacheOptions.defaults().withListener(this));
		}
		catch (EtcdException ex) {
			logger.warn("Could not read " + this.prefix + " from etcd; retrying in " + this.retryInterval.toMillis()
					+ " ms: " + ex.getMessage());
			if (!this.opening.isShutdown()) {
				this.opening.schedule(this::open, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
			}
			return;
		}
		synchronized (this) {
			if (this.closed) {
				opened.close();
				return;
			}
			this.cache = opened;
			// batches that reached onChanges before this point are in the snapshot
			// already
			CacheSnapshot snapshot = opened.snapshot();
			this.listener.onChanges(snapshot.revision(),
					snapshot.entries().stream().map((kv) -> new Change(kv.keyAsString(), kv)).toList(), true);
			this.delivered = snapshot.revision();
			this.loaded = true;
			this.connected = true;
		}
		this.opening.shutdown();
	}

	@Override
	public synchronized void onChanges(CacheChangeBatch batch) {
		if (!this.loaded || batch.revision() <= this.delivered) {
			return;
		}
		List<Change> changes = batch.changes()
			.stream()
			.map((change) -> new Change(change.key(), (change.type() == WatchEvent.Type.PUT) ? change.kv() : null))
			.toList();
		this.listener.onChanges(batch.revision(), changes, false);
		this.delivered = batch.revision();
	}

	@Override
	public void onConnectionLost() {
		this.connected = false;
		this.listener.onConnectionLost();
	}

	@Override
	public void onConnectionRestored() {
		this.connected = true;
		this.listener.onConnectionRestored();
	}

	@Override
	public void onCompacted(long compactRevision) {
		logger.warn("The history of " + this.prefix + " was compacted up to revision " + compactRevision
				+ "; the cache reads the range again");
	}

	@Override
	public synchronized long revision() {
		return this.delivered;
	}

	@Override
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public void close() {
		KeyRangeCache current;
		synchronized (this) {
			this.closed = true;
			current = this.cache;
			this.cache = null;
		}
		this.opening.shutdownNow();
		if (current != null) {
			current.close();
		}
	}

}
