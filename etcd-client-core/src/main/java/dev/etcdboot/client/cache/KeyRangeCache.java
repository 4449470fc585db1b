package dev.etcdboot.client.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.internal.Backoff;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchClient;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * A watched, consistent local copy of every key under a prefix. It is created by reading
 * the range at one revision and then follows it with the client's lossless watch from the
 * next revision (on the shared watch stream); reads are answered from memory, never wait
 * for the network, and say which etcd revision they reflect.
 * <p>
 * Guarantees: the copy applies the changes of one revision at a time, in revision order,
 * and only then calls its listeners, once per revision; across dropped connections and
 * failed members it resumes without losing or repeating a change. When etcd has compacted
 * away the revision it needs next, it reads the range again and delivers the difference
 * as one batch marked {@link CacheChangeBatch#resync() resync}. A listener that throws is
 * logged; the copy and the other listeners go on.
 * <p>
 * Cost: the whole range is held in memory (every key and value), and the initial read and
 * each resync read the whole range in one request; choose the prefix accordingly.
 * <p>
 * Threads: listeners without an executor of their own run on the watch's delivery thread,
 * after the copy applied the changes: a slow listener holds the watch up, which pauses on
 * etcd once {@link CacheOptions#bufferSize() its buffer} is full, so it costs bounded
 * memory. When the listeners have an executor of their own, the copy applies the changes
 * on the thread that reads the watch stream from etcd
 * ({@link WatchOptions.Builder#directDelivery() direct delivery}: applying never blocks),
 * so reads see a change as soon as it arrives, and the re-read after a compaction runs on
 * a delivery thread.
 */
public final class KeyRangeCache implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(KeyRangeCache.class);

	private static final Backoff RESYNC_BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

	private static final Duration SYNC_RECHECK = Duration.ofSeconds(1);

	private final String prefix;

	private final KvClient kv;

	private final WatchClient watchClient;

	private final ListenerDispatch listeners;

	/**
	 * Where resyncs run, off the thread that reads the watch stream, when the copy
	 * applies changes on that thread; {@code null} when its watch is delivered on a
	 * delivery thread, which then does all of it.
	 */
	private final @Nullable Executor handOff;

	private final int bufferSize;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	/** Guarded by {@link #lock}. */
	private TreeMap<String, KeyValue> entries = new TreeMap<>(KeyOrder.INSTANCE);

	/**
	 * Written under the write lock of {@link #lock}; waiters are woken through
	 * {@link #progress}.
	 */
	private volatile long revision;

	private final Object progress = new Object();

	private @Nullable Watch watch;

	private volatile boolean closed;

	private KeyRangeCache(KvClient kv, WatchClient watchClient, String prefix, CacheOptions options) {
		this.kv = kv;
		this.watchClient = watchClient;
		this.prefix = prefix;
		// listeners called on the applying thread rely on the watch's back-pressure: no
		// direct delivery for them
		this.handOff = (options.listenerExecutor() != null && watchClient instanceof DefaultWatchClient client)
				? client.deliveryExecutor() : null;
		this.listeners = new ListenerDispatch(options.listenerExecutor(), prefix);
		this.bufferSize = options.bufferSize();
	}

	/**
	 * Load a range and follow it. Returns once the range has been read.
	 * @param kv the KV API to read the range with
	 * @param watchClient the watch API to follow it with
	 * @param prefix the prefix of the keys to hold; the empty string holds every key
	 * @param options how the range is loaded and listeners are called
	 * @return the cache, to close when done
	 * @throws EtcdException when the initial read fails
	 * @throws dev.etcdboot.client.exception.EtcdCompactedException when the revision to
	 * load at has been compacted
	 */
	public static KeyRangeCache open(KvClient kv, WatchClient watchClient, String prefix, CacheOptions options) {
		Objects.requireNonNull(prefix, "prefix must not be null");
		Objects.requireNonNull(options, "options must not be null");
		KeyRangeCache cache = new KeyRangeCache(kv, watchClient, prefix, options);
		GetResult initial = kv.get(prefix, GetOptions.builder().prefix().revision(options.revision()).build());
		long loaded = (options.revision() != 0) ? options.revision() : initial.header().revision();
		cache.replace(initial.kvs(), loaded);
		options.listeners().forEach(cache::addListener);
		cache.follow(loaded + 1);
		return cache;
	}

	/**
	 * Return the prefix of the keys this copy holds.
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Return the etcd revision this copy reflects.
	 * @return the revision
	 */
	public long revision() {
		return this.revision;
	}

	/**
	 * Return the entry of a key, from memory.
	 * @param key the key, under the prefix
	 * @return the entry, or empty when the key does not exist
	 * @throws IllegalArgumentException when the key is not under the prefix
	 */
	public Optional<KeyValue> get(String key) {
		checkInRange(key, "key");
		this.lock.readLock().lock();
		try {
			return Optional.ofNullable(this.entries.get(key));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Return every entry, in key order.
	 * @return the entries
	 */
	public List<KeyValue> list() {
		return snapshot().entries();
	}

	/**
	 * Return the entries under a sub-prefix, in key order.
	 * @param keyPrefix the sub-prefix, under the cache's prefix
	 * @return the entries
	 * @throws IllegalArgumentException when the sub-prefix is not under the cache's
	 * prefix
	 */
	public List<KeyValue> list(String keyPrefix) {
		checkInRange(keyPrefix, "keyPrefix");
		this.lock.readLock().lock();
		try {
			return under(keyPrefix);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** The entries under a sub-prefix, in key order; called under the read lock. */
	private List<KeyValue> under(String keyPrefix) {
		List<KeyValue> found = new ArrayList<>();
		for (Map.Entry<String, KeyValue> entry : this.entries.tailMap(keyPrefix, true).entrySet()) {
			if (!entry.getKey().startsWith(keyPrefix)) {
				break;
			}
			found.add(entry.getValue());
		}
		return found;
	}

	/**
	 * Return the entry of a key together with the revision it reflects, as one consistent
	 * view.
	 * @param key the key, under the prefix
	 * @return the snapshot: the key's entry, or none when it does not exist
	 * @throws IllegalArgumentException when the key is not under the prefix
	 */
	public CacheSnapshot snapshotOfKey(String key) {
		checkInRange(key, "key");
		this.lock.readLock().lock();
		try {
			KeyValue entry = this.entries.get(key);
			return new CacheSnapshot(this.revision, (entry != null) ? List.of(entry) : List.of());
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Return the entries under a sub-prefix together with the revision they reflect, as
	 * one consistent view.
	 * @param keyPrefix the sub-prefix, under the cache's prefix
	 * @return the snapshot, its entries in key order
	 * @throws IllegalArgumentException when the sub-prefix is not under the cache's
	 * prefix
	 */
	public CacheSnapshot snapshot(String keyPrefix) {
		checkInRange(keyPrefix, "keyPrefix");
		this.lock.readLock().lock();
		try {
			return new CacheSnapshot(this.revision, under(keyPrefix));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Return every entry together with the revision they reflect, as one consistent view.
	 * @return the snapshot
	 */
	public CacheSnapshot snapshot() {
		this.lock.readLock().lock();
		try {
			return new CacheSnapshot(this.revision, new ArrayList<>(this.entries.values()));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/**
	 * Wait until this copy reflects a revision.
	 * @param revision the revision to reach
	 * @param timeout how long to wait at most
	 * @return whether the copy reached the revision in time
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitRevision(long revision, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.progress) {
			while (this.revision < revision) {
				long left = deadline - System.nanoTime();
				if (left <= 0 || this.closed) {
					return false;
				}
				TimeUnit.NANOSECONDS.timedWait(this.progress, left);
			}
			return true;
		}
	}

	/**
	 * Bring this copy up to date with etcd, for a read that must see every write
	 * completed before the call: one count-only read of the range gives etcd's current
	 * revision, then the call waits until the copy reflects it. When no change of the
	 * range arrives because the last ones happened outside it, one keys-only read of the
	 * keys changed since the copy's revision confirms that the copy already holds etcd's
	 * state. Limit: when that confirmation moves the copy's revision forward, a key that
	 * was created and deleted again in between (so etcd's state did not change) is not
	 * reported to the listeners.
	 * @param timeout how long to wait at most
	 * @return the revision the copy reached, etcd's current revision at the call
	 * @throws InterruptedException when interrupted while waiting
	 * @throws EtcdTimeoutException when the copy did not reach the revision in time
	 * @throws EtcdException when etcd cannot be read
	 */
	public long sync(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		long target = this.kv.get(this.prefix, GetOptions.builder().prefix().countOnly().build()).header().revision();
		awaitSynced(target, deadline, timeout);
		return target;
	}

	/**
	 * Bring this copy up to a revision obtained from etcd, such as a write's or a read's:
	 * waits until the copy reflects it, confirming with one keys-only read, when the last
	 * changes were outside the range, that the copy already holds etcd's state (see
	 * {@link #sync(Duration)}).
	 * @param etcdRevision a revision etcd has reached
	 * @param timeout how long to wait at most
	 * @throws InterruptedException when interrupted while waiting
	 * @throws EtcdTimeoutException when the copy did not reach the revision in time
	 * @throws EtcdException when etcd cannot be read
	 */
	public void sync(long etcdRevision, Duration timeout) throws InterruptedException {
		if (this.revision < etcdRevision) {
			awaitSynced(etcdRevision, System.nanoTime() + timeout.toNanos(), timeout);
		}
	}

	private void awaitSynced(long target, long deadline, Duration timeout) throws InterruptedException {
		while (true) {
			long seen;
			int size;
			this.lock.readLock().lock();
			try {
				seen = this.revision;
				size = this.entries.size();
			}
			finally {
				this.lock.readLock().unlock();
			}
			if (seen >= target) {
				return;
			}
			if (unchangedSince(seen, size, target) && advance(seen, target)) {
				return;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new EtcdTimeoutException(
						"The cache of '" + this.prefix + "' did not reach revision " + target + " within " + timeout
								+ "; it reflects revision " + this.revision,
						EtcdErrorDetails.unanswered("cache sync", null, this.prefix), null);
			}
			awaitRevision(seen + 1, Duration.ofNanos(Math.min(left, SYNC_RECHECK.toNanos())));
		}
	}

	/**
	 * Add a listener for the changes applied from now on.
	 * @param listener the listener
	 * @see #removeListener(CacheListener)
	 */
	public void addListener(CacheListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
	}

	/**
	 * Remove a listener added with {@link #addListener}. No call to it starts after this
	 * method returns, except one already running.
	 * @param listener the listener
	 * @return whether the listener was registered
	 */
	public boolean removeListener(CacheListener listener) {
		return this.listeners.remove(listener);
	}

	/**
	 * Stop following the range. The copy keeps answering reads with the revision it
	 * reached.
	 */
	@Override
	public void close() {
		Watch current;
		synchronized (this) {
			this.closed = true;
			current = this.watch;
			this.watch = null;
		}
		if (current != null) {
			current.close();
		}
		synchronized (this.progress) {
			this.progress.notifyAll();
		}
	}

	@Override
	public String toString() {
		return "KeyRangeCache[prefix=" + this.prefix + ", revision=" + this.revision + "]";
	}

	private void checkInRange(String key, String what) {
		Objects.requireNonNull(key, () -> what + " must not be null");
		if (!key.startsWith(this.prefix)) {
			throw new IllegalArgumentException(
					what + " '" + key + "' is outside the cached range of keys starting with '" + this.prefix + "'");
		}
	}

	/**
	 * Return whether etcd's range at a revision holds the same keys as the copy at an
	 * earlier one: no key was put in between and the number of keys is the same, so no
	 * key was deleted either.
	 */
	private boolean unchangedSince(long seen, int size, long target) {
		GetResult changed = this.kv.get(this.prefix,
				GetOptions.builder().prefix().keysOnly().revision(target).modRevisions(seen + 1, 0).build());
		return changed.kvs().isEmpty() && changed.count() == size;
	}

	private boolean advance(long from, long to) {
		this.lock.writeLock().lock();
		try {
			if (this.revision != from) {
				return false;
			}
			this.revision = to;
		}
		finally {
			this.lock.writeLock().unlock();
		}
		wakeWaiters();
		return true;
	}

	private void follow(long fromRevision) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			WatchOptions.Builder options = WatchOptions.builder()
				.prefix()
				.startRevision(fromRevision)
				.bufferSize(this.bufferSize);
			if (this.handOff != null) {
				options.directDelivery();
			}
			this.watch = this.watchClient.watch(this.prefix, options.build(), new Follower());
		}
	}

	/**
	 * Apply the changes of one revision and hand them to the listeners; changes the copy
	 * already reflects (confirmed by {@link #sync}) are left out.
	 */
	private void apply(long batchRevision, List<WatchEvent> events) {
		List<WatchEvent> changes = new ArrayList<>(events.size());
		this.lock.writeLock().lock();
		try {
			if (batchRevision <= this.revision) {
				return;
			}
			for (WatchEvent event : events) {
				String key = event.key();
				KeyValue previous = (event.type() == WatchEvent.Type.PUT) ? this.entries.put(key, event.kv())
						: this.entries.remove(key);
				changes.add(new WatchEvent(event.type(), event.kv(), previous));
			}
			this.revision = batchRevision;
		}
		finally {
			this.lock.writeLock().unlock();
		}
		wakeWaiters();
		CacheChangeBatch batch = new CacheChangeBatch(batchRevision, changes, false);
		this.listeners.dispatch((listener) -> listener.onChanges(batch));
	}

	/**
	 * Take a fresh read of the range as the copy's content.
	 * @return the difference between the former content and the new one, in key order
	 */
	private List<WatchEvent> replace(List<KeyValue> kvs, long readRevision) {
		TreeMap<String, KeyValue> fresh = new TreeMap<>(KeyOrder.INSTANCE);
		kvs.forEach((kv) -> fresh.put(kv.keyAsString(), kv));
		List<WatchEvent> changes = new ArrayList<>();
		this.lock.writeLock().lock();
		try {
			TreeSet<String> keys = new TreeSet<>(KeyOrder.INSTANCE);
			keys.addAll(this.entries.keySet());
			keys.addAll(fresh.keySet());
			for (String key : keys) {
				KeyValue previous = this.entries.get(key);
				KeyValue current = fresh.get(key);
				if (current == null) {
					KeyValue gone = new KeyValue(key.getBytes(StandardCharsets.UTF_8), 0, readRevision, 0, null, 0);
					changes.add(new WatchEvent(WatchEvent.Type.DELETE, gone, previous));
				}
				else if (previous == null || previous.modRevision() != current.modRevision()) {
					changes.add(new WatchEvent(WatchEvent.Type.PUT, current, previous));
				}
			}
			this.entries = fresh;
			this.revision = Math.max(this.revision, readRevision);
		}
		finally {
			this.lock.writeLock().unlock();
		}
		wakeWaiters();
		return changes;
	}

	/**
	 * Read the range again after its history was compacted, deliver the difference and
	 * follow it from the revision read; retried with back-off while etcd cannot be read.
	 */
	private void resync() {
		int attempt = 0;
		while (!this.closed) {
			try {
				GetResult fresh = this.kv.get(this.prefix, GetOptions.PREFIX);
				long readRevision = fresh.header().revision();
				List<WatchEvent> changes = replace(fresh.kvs(), readRevision);
				CacheChangeBatch batch = new CacheChangeBatch(readRevision, changes, true);
				this.listeners.dispatch((listener) -> listener.onChanges(batch));
				follow(readRevision + 1);
				return;
			}
			catch (EtcdException ex) {
				attempt++;
				logger.warn("Cannot read the range '" + this.prefix
						+ "' again after its history was compacted (attempt " + attempt + "); retrying", ex);
				if (!pause(RESYNC_BACKOFF.delay(attempt))) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				logger.debug("Not following '" + this.prefix + "' again: the etcd client is closed", ex);
				return;
			}
		}
	}

	/**
	 * Resync on the hand-off executor: the re-read waits for etcd, and the watch that
	 * called for it delivers on the stream's reading thread.
	 */
	private void resyncOffTheStream() {
		if (this.handOff == null) {
			resync();
			return;
		}
		try {
			this.handOff.execute(this::resync);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not reading '" + this.prefix + "' again after its compaction: the etcd client is closed", ex);
		}
	}

	private boolean pause(Duration delay) {
		long deadline = System.nanoTime() + delay.toNanos();
		synchronized (this.progress) {
			while (!this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.progress, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return false;
		}
	}

	private void wakeWaiters() {
		synchronized (this.progress) {
			this.progress.notifyAll();
		}
	}

	/**
	 * Follows the range for one watch: gathers the events of each revision and applies
	 * them once the watch says that every change up to it has been delivered.
	 */
	private final class Follower implements WatchListener {

		private final List<WatchEvent> pending = new ArrayList<>();

		@Override
		public void onEvent(WatchEvent event) {
			if (!this.pending.isEmpty() && this.pending.get(this.pending.size() - 1).revision() != event.revision()) {
				flush();
			}
			this.pending.add(event);
		}

		@Override
		public void onProgress(long progressRevision) {
			flush();
			advanceTo(progressRevision);
		}

		@Override
		public void onCompacted(long compactRevision, long resumeRevision) {
			flush();
			KeyRangeCache.this.listeners.dispatch((listener) -> listener.onCompacted(compactRevision, resumeRevision));
			resyncOffTheStream();
		}

		@Override
		public void onDisconnected(EtcdException cause) {
			KeyRangeCache.this.listeners.dispatch((listener) -> listener.onConnectionLost(cause));
		}

		@Override
		public void onReconnected() {
			KeyRangeCache.this.listeners.dispatch(CacheListener::onConnectionRestored);
		}

		@Override
		public void onError(EtcdException error) {
			logger.warn("The watch that follows '" + KeyRangeCache.this.prefix + "' failed; it keeps trying", error);
		}

		private void flush() {
			if (!this.pending.isEmpty()) {
				apply(this.pending.get(0).revision(), List.copyOf(this.pending));
				this.pending.clear();
			}
		}

		private void advanceTo(long progressRevision) {
			KeyRangeCache.this.lock.writeLock().lock();
			try {
				if (progressRevision <= KeyRangeCache.this.revision) {
					return;
				}
				KeyRangeCache.this.revision = progressRevision;
			}
			finally {
				KeyRangeCache.this.lock.writeLock().unlock();
			}
			wakeWaiters();
		}

	}

}
