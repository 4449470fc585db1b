package dev.etcdboot.client.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link KeyRangeCache} loads its range and calls its listeners.
 *
 * @param listenerExecutor where listeners run, one batch at a time and in revision order;
 * {@code null} to run them on the thread that applies the changes, so that a slow
 * listener holds up the watch, which pauses on etcd once its buffer is full
 * @param revision the revision to load the range at, 0 for the current one; every change
 * after it is then applied and delivered
 * @param listeners listeners registered before the copy starts following the range, so
 * that they receive every change after the loaded revision
 * @param bufferSize how many changes may wait to be applied before the watch that follows
 * the range suspends itself on etcd (see
 * {@link dev.etcdboot.client.watch.WatchOptions#bufferSize()}); default 10,000
 */
public record CacheOptions(@Nullable Executor listenerExecutor, long revision, List<CacheListener> listeners,
		int bufferSize) {

	private static final CacheOptions DEFAULTS = new CacheOptions(null, 0, List.of(), 10_000);

	/**
	 * Create options, checking them.
	 */
	public CacheOptions {
		if (revision < 0) {
			throw new IllegalArgumentException("revision must not be negative, was " + revision);
		}
		if (bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
		}
		listeners = List.copyOf(listeners);
	}

	/**
	 * Return the defaults: the current revision, listeners run on the thread that applies
	 * the changes.
	 * @return the defaults
	 */
	public static CacheOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Return default options that run listeners on an executor, one batch at a time and
	 * in revision order.
	 * @param executor the executor
	 * @return the options
	 */
	public static CacheOptions listenerExecutor(Executor executor) {
		return DEFAULTS.withListenerExecutor(executor);
	}

	/**
	 * Return a copy that runs listeners on an executor, one batch at a time and in
	 * revision order.
	 * @param executor the executor
	 * @return the copy
	 */
	public CacheOptions withListenerExecutor(Executor executor) {
		return new CacheOptions(Objects.requireNonNull(executor, "executor must not be null"), this.revision,
				this.listeners, this.bufferSize);
	}

	/**
	 * Return a copy that loads the range at a past revision and then delivers every
	 * change after it.
	 * @param atRevision the revision, 0 for the current one
	 * @return the copy
	 */
	public CacheOptions atRevision(long atRevision) {
		return new CacheOptions(this.listenerExecutor, atRevision, this.listeners, this.bufferSize);
	}

	/**
	 * Return a copy with one more listener registered before the copy starts following
	 * the range.
	 * @param listener the listener
	 * @return the copy
	 */
	public CacheOptions withListener(CacheListener listener) {
		List<CacheListener> more = new ArrayList<>(this.listeners);
		more.add(Objects.requireNonNull(listener, "listener must not be null"));
		return new CacheOptions(this.listenerExecutor, this.revision, more, this.bufferSize);
	}

	/**
	 * Return a copy with another number of changes that may wait before the watch
	 * suspends itself on etcd.
	 * @param size the number of changes, positive
	 * @return the copy
	 */
	public CacheOptions withBufferSize(int size) {
		return new CacheOptions(this.listenerExecutor, this.revision, this.listeners, size);
	}

}
