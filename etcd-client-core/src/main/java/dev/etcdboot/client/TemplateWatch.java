package dev.etcdboot.client;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.node.EtcdAction;
import dev.etcdboot.client.node.EtcdChange;
import dev.etcdboot.client.node.EtcdResponse;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * A watch of {@link EtcdTemplate} on a value or a directory tree. In resync mode it keeps the last known
 * state of the watched keys (one map entry per key, so memory grows with the tree); when the history it
 * needs has been compacted away it reads the tree at the current revision, reports the difference as
 * {@link EtcdChange#resync() resync} changes, and watches on from there.
 */
final class TemplateWatch implements Watch {

	private static final Log logger = LogFactory.getLog(TemplateWatch.class);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private final EtcdClient client;

	private final PathKeys keys;

	private final boolean recursive;

	private final boolean resync;

	private final EtcdChangeListener listener;

	private final Map<String, KeyValue> state = new TreeMap<>();

	private final Object lock = new Object();

	private @Nullable Watch current;

	private volatile boolean closed;

	private TemplateWatch(EtcdClient client, PathKeys keys, boolean recursive, boolean resync,
			EtcdChangeListener listener) {
		this.client = client;
		this.keys = keys;
		this.recursive = recursive;
		this.resync = resync;
		this.listener = listener;
	}

	static TemplateWatch start(EtcdClient client, PathKeys keys, boolean recursive, long afterRevision, boolean resync,
			EtcdChangeListener listener) {
		TemplateWatch watch = new TemplateWatch(client, keys, recursive, resync, listener);
		long from = afterRevision;
		if (resync) {
			GetResult initial = watch.read(afterRevision);
			initial.kvs().stream().filter(watch::covers).forEach((kv) -> watch.state.put(kv.keyAsString(), kv));
			from = (afterRevision != 0) ? afterRevision : initial.header().revision();
		}
		watch.watchFrom((from != 0) ? from + 1 : 0);
		return watch;
	}

	@Override
	public long nextRevision() {
		synchronized (this.lock) {
			return (this.current != null) ? this.current.nextRevision() : 0;
		}
	}

	@Override
	public boolean isClosed() {
		synchronized (this.lock) {
			return this.closed || (this.current != null && this.current.isClosed() && !this.resync);
		}
	}

	@Override
	public void close() {
		Watch open;
		synchronized (this.lock) {
			this.closed = true;
			open = this.current;
		}
		if (open != null) {
			open.close();
		}
	}

	private void watchFrom(long startRevision) {
		WatchOptions.Builder options = WatchOptions.builder().prevKv().startRevision(startRevision);
		if (this.recursive) {
			options.rangeEnd(this.keys.end());
		}
		synchronized (this.lock) {
			if (!this.closed) {
				this.current = this.client.watch().watch(this.keys.key(), options.build(), new Forwarder());
			}
		}
	}

	private GetResult read(long revision) {
		GetOptions.Builder options = GetOptions.builder().revision(revision);
		if (this.recursive) {
			options.rangeEnd(this.keys.end());
		}
		return this.client.kv().get(this.keys.key(), options.build());
	}

	private boolean covers(KeyValue kv) {
		String key = kv.keyAsString();
		return key.equals(this.keys.key()) || (this.recursive && key.startsWith(this.keys.marker()));
	}

	private void resync() {
		for (int attempt = 1; !this.closed; attempt++) {
			try {
				GetResult fresh = read(0);
				long revision = fresh.header().revision();
				Map<String, KeyValue> now = new TreeMap<>();
				fresh.kvs().stream().filter(this::covers).forEach((kv) -> now.put(kv.keyAsString(), kv));
				Set<String> keys = new TreeSet<>(this.state.keySet());
				keys.addAll(now.keySet());
				for (String key : keys) {
					KeyValue before = this.state.get(key);
					KeyValue after = now.get(key);
					if (after == null) {
						deliver(NodeEvents.deleted(key, before, revision, NodeEvents.node(before)), true);
					}
					else if (before == null || before.modRevision() != after.modRevision()) {
						EtcdResponse response = new EtcdResponse(
								NodeEvents.node(after).dir() ? EtcdAction.CREATE : EtcdAction.SET, NodeEvents.node(after),
								(before != null) ? NodeEvents.node(before) : null, revision);
						deliver(response, true);
					}
				}
				this.state.clear();
				this.state.putAll(now);
				watchFrom(revision + 1);
				return;
			}
			catch (EtcdException ex) {
				logger.warn("Re-reading " + this.keys.key() + " after a compaction failed (attempt " + attempt
						+ "); trying again", ex);
				pause(attempt);
			}
		}
	}

	private void pause(int attempt) {
		long base = Math.min(MAX_BACKOFF.toMillis(), 800L << Math.min(attempt - 1, 6));
		try {
			TimeUnit.MILLISECONDS.sleep(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
		}
	}

	private void deliver(EtcdResponse response, boolean resynced) {
		this.listener.onChange(new EtcdChange(response, resynced));
	}

	/**
	 * Passes the events of the current core watch on to the listener, keeping the known state up to date.
	 */
	private final class Forwarder implements WatchListener {

		@Override
		public void onEvent(WatchEvent event) {
			if (!covers(event.kv())) {
				return;
			}
			if (TemplateWatch.this.resync) {
				if (event.type() == WatchEvent.Type.DELETE) {
					TemplateWatch.this.state.remove(event.key());
				}
				else {
					TemplateWatch.this.state.put(event.key(), event.kv());
				}
			}
			deliver(NodeEvents.response(event), false);
		}

		@Override
		public void onCompacted(long compactRevision, long resumeRevision) {
			TemplateWatch.this.listener.onCompacted(compactRevision);
			if (TemplateWatch.this.resync) {
				resync();
			}
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			TemplateWatch.this.listener.onDisconnected(cause);
		}

		@Override
		public void onReconnected() {
			TemplateWatch.this.listener.onReconnected();
		}

	}

}
