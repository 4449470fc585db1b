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
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * A {@link RangeMirror} on the client's public API: one range read at revision R, then the client's lossless
 * watch from R + 1. When the watch's history was compacted away, or the first read failed, the range is read
 * again (and the watch restarted after it) until that succeeds, one attempt per retry interval; the re-read
 * replaces the whole copy.
 */
public final class WatchedRangeMirror implements RangeMirror, WatchListener {

	private static final Log logger = LogFactory.getLog(WatchedRangeMirror.class);

	private final EtcdClient client;

	private final String prefix;

	private final Listener listener;

	private final Duration retryInterval;

	private final ScheduledExecutorService reloads;

	private @Nullable Watch watch;

	private volatile long revision;

	private volatile boolean connected;

	private boolean closed;

	private WatchedRangeMirror(EtcdClient client, String prefix, Listener listener, Duration retryInterval) {
		this.client = client;
		this.prefix = prefix;
		this.listener = listener;
		this.retryInterval = retryInterval;
		this.reloads = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "etcd-discovery-mirror");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Start following a range: read it (the listener hears it before this method returns, when etcd answers)
	 * and watch it. When etcd cannot be read now, the copy starts empty and keeps trying.
	 * @param client the client
	 * @param prefix the key prefix of the range
	 * @param listener hears the changes
	 * @param retryInterval the pause between two attempts to read the range
	 * @return the running mirror
	 */
	public static WatchedRangeMirror start(EtcdClient client, String prefix, Listener listener,
			Duration retryInterval) {
		WatchedRangeMirror mirror = new WatchedRangeMirror(client, prefix, listener, retryInterval);
		mirror.load();
		return mirror;
	}

	private void load() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			try {
				GetResult range = this.client.kv().get(this.prefix, GetOptions.PREFIX);
				long readRevision = range.header().revision();
				this.listener.onChanges(readRevision,
						range.kvs().stream().map((kv) -> new Change(kv.keyAsString(), kv)).toList(), true);
				this.revision = readRevision;
				this.watch = this.client.watch()
					.watch(this.prefix, WatchOptions.builder().prefix().startRevision(readRevision + 1).build(), this);
				this.connected = true;
				return;
			}
			catch (EtcdException ex) {
				logger.warn("Could not read " + this.prefix + " from etcd; serving the last known copy and retrying"
						+ " in " + this.retryInterval.toMillis() + " ms: " + ex.getMessage());
			}
		}
		scheduleLoad();
	}

	private void scheduleLoad() {
		if (!this.reloads.isShutdown()) {
			this.reloads.schedule(this::load, this.retryInterval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void onEvent(WatchEvent event) {
		this.listener.onChanges(event.revision(), List.of(new Change(event.key(),
				(event.type() == WatchEvent.Type.PUT) ? event.kv() : null)), false);
		this.revision = event.revision();
	}

	@Override
	public void onCompacted(long compactRevision, long resumeRevision) {
		logger.warn("The history of " + this.prefix + " from revision " + resumeRevision + " was compacted (up to "
				+ compactRevision + "); reading the range again");
		synchronized (this) {
			this.connected = false;
			this.watch = null;
		}
		this.reloads.execute(this::load);
	}

	@Override
	public void onDisconnected(EtcdException cause) {
		this.connected = false;
		this.listener.onConnectionLost();
	}

	@Override
	public void onReconnected() {
		this.connected = true;
		this.listener.onConnectionRestored();
	}

	@Override
	public long revision() {
		return this.revision;
	}

	@Override
	public boolean isConnected() {
		return this.connected;
	}

	@Override
	public void close() {
		Watch current;
		synchronized (this) {
			this.closed = true;
			current = this.watch;
			this.watch = null;
		}
		this.reloads.shutdownNow();
		if (current != null) {
			current.close();
		}
	}

}
