package dev.etcdboot.client.template;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.cache.CacheListener;
import dev.etcdboot.client.cache.CacheOptions;
import dev.etcdboot.client.cache.KeyRangeCache;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * A watch of {@link EtcdTemplate} on a value or a directory tree. Without resync it
 * passes the core watch's events on and ends when the history it needs has been compacted
 * away. In resync mode it is a view of a {@link KeyRangeCache} of the path's prefix
 * (which holds the watched keys, and the other keys that share the prefix, in memory):
 * after a compaction the cache reports the difference, passed on as
 * {@link EtcdChange#resync() resync} changes in key order, and the watch goes on.
 */
final class TemplateWatch implements Watch {

	private final PathKeys keys;

	private final boolean recursive;

	private final EtcdChangeListener listener;

	private final @Nullable Watch watch;

	private final @Nullable KeyRangeCache cache;

	private volatile boolean closed;

	private TemplateWatch(EtcdClient client, PathKeys keys, boolean recursive, long afterRevision, boolean resync,
			EtcdChangeListener listener) {
		this.keys = keys;
		this.recursive = recursive;
		this.listener = listener;
		if (resync) {
			this.watch = null;
			this.cache = client.cache(keys.key(),
					CacheOptions.defaults().atRevision(afterRevision).withListener(new CacheForwarder()));
		}
		else {
			WatchOptions options = WatchOptions.builder()
				.range(keys.watchRange(recursive))
				.prevKv()
				.startRevision((afterRevision != 0) ? afterRevision + 1 : 0)
				.build();
			this.cache = null;
			this.watch = client.watch().watch(keys.key(), options, new WatchForwarder());
		}
	}

	static TemplateWatch start(EtcdClient client, PathKeys keys, boolean recursive, long afterRevision, boolean resync,
			EtcdChangeListener listener) {
		return new TemplateWatch(client, keys, recursive, afterRevision, resync, listener);
	}

	@Override
	public long nextRevision() {
		KeyRangeCache resyncing = this.cache;
		Watch watching = this.watch;
		return (resyncing != null) ? resyncing.revision() + 1 : (watching != null) ? watching.nextRevision() : 0;
	}

	@Override
	public boolean isClosed() {
		return this.closed || (this.watch != null && this.watch.isClosed());
	}

	@Override
	public void close() {
		this.closed = true;
		if (this.cache != null) {
			this.cache.close();
		}
		if (this.watch != null) {
			this.watch.close();
		}
	}

	private boolean covers(String key) {
		return this.keys.covers(key, this.recursive);
	}

	/**
	 * Passes the events of the core watch on to the listener.
	 */
	private final class WatchForwarder implements WatchListener {

		@Override
		public void onEvent(WatchEvent event) {
			if (covers(event.key())) {
				TemplateWatch.this.listener.onChange(EtcdChange.of(event, false));
			}
		}

		@Override
		public void onCompacted(long compactRevision, long resumeRevision) {
			TemplateWatch.this.listener.onCompacted(compactRevision);
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

	/**
	 * Passes the changes of the cache on to the listener.
	 */
	private final class CacheForwarder implements CacheListener {

		@Override
		public void onChanges(CacheChangeBatch batch) {
			for (WatchEvent change : batch.changes()) {
				if (covers(change.key())) {
					TemplateWatch.this.listener.onChange(EtcdChange.of(change, batch));
				}
			}
		}

		@Override
		public void onCompacted(long compactRevision) {
			TemplateWatch.this.listener.onCompacted(compactRevision);
		}

		@Override
		public void onConnectionLost(EtcdException cause) {
			TemplateWatch.this.listener.onDisconnected(cause);
		}

		@Override
		public void onConnectionRestored() {
			TemplateWatch.this.listener.onReconnected();
		}

	}

}
