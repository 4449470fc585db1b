package dev.etcdboot.client.cache;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The listeners of a cache and the serialized calls to them: one call at a time, in the
 * order they were handed over, on the caller's thread or on an executor; a listener that
 * throws is logged and the others still run. A call handed over while no listener is
 * registered is dropped: listeners receive what is applied after they were added.
 */
final class ListenerDispatch {

	private static final Log logger = LogFactory.getLog(ListenerDispatch.class);

	private final List<CacheListener> listeners = new CopyOnWriteArrayList<>();

	private final @Nullable Executor executor;

	private final String prefix;

	private final ArrayDeque<Consumer<CacheListener>> queue = new ArrayDeque<>();

	private boolean running;

	ListenerDispatch(@Nullable Executor executor, String prefix) {
		this.executor = executor;
		this.prefix = prefix;
	}

	void add(CacheListener listener) {
		this.listeners.add(listener);
	}

	boolean remove(CacheListener listener) {
		return this.listeners.remove(listener);
	}

	/**
	 * Call every listener, after the calls handed over before.
	 * @param call the call
	 */
	void dispatch(Consumer<CacheListener> call) {
		if (this.listeners.isEmpty()) {
			return;
		}
		if (this.executor == null) {
			invoke(call);
			return;
		}
		synchronized (this.queue) {
			this.queue.add(call);
			if (this.running) {
				return;
			}
			this.running = true;
		}
		try {
			this.executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			synchronized (this.queue) {
				this.queue.clear();
				this.running = false;
			}
			logger.debug("Listeners of the cache of '" + this.prefix + "' not called: their executor is shut down", ex);
		}
	}

	private void drain() {
		while (true) {
			Consumer<CacheListener> call;
			synchronized (this.queue) {
				call = this.queue.poll();
				if (call == null) {
					this.running = false;
					return;
				}
			}
			invoke(call);
		}
	}

	private void invoke(Consumer<CacheListener> call) {
		for (CacheListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of the cache of '" + this.prefix + "' failed; the cache goes on", ex);
			}
		}
	}

}
