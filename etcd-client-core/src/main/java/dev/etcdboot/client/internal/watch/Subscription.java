package dev.etcdboot.client.internal.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.observation.EtcdObservationDocumentation.WatchEvents;
import dev.etcdboot.client.watch.Watch;
import dev.etcdboot.client.watch.WatchEvent;
import dev.etcdboot.client.watch.WatchListener;
import dev.etcdboot.client.watch.WatchOptions;

/**
 * One watch: its range and options, its cursor (the next revision it needs), and the
 * bounded buffer and serialized delivery that stand between the stream and its listener.
 * Delivery runs on the executor, or with direct delivery on the stream's reading thread,
 * once it has released the stream's lock.
 * <p>
 * The cursor rule: after a batch of events the cursor is one past the last event's
 * revision; after a progress notification one past the notification's revision; never the
 * header revision of a batch with events, since a catch-up batch carries the current
 * revision while more events are pending. Events below the cursor (repeated after a
 * resumption) are dropped.
 * <p>
 * Fields without their own synchronization are guarded by the lock of the
 * {@link WatchStream} that serves the watch and are only touched by it.
 */
final class Subscription implements Watch {

	/**
	 * The most bytes a watch's key and range end may take: etcd's default request limit.
	 * A larger create request would make etcd end the whole shared stream, over and over,
	 * so it is refused before it is sent.
	 */
	static final int MAX_KEY_BYTES = 1536 * 1024;

	private static final Log logger = LogFactory.getLog(Subscription.class);

	private final byte[] key;

	private final byte @Nullable [] rangeEnd;

	private final String displayKey;

	private final WatchOptions options;

	private final WatchListener listener;

	private final Namespace namespace;

	private final Executor executor;

	private final DefaultWatchClient client;

	/** The id of its watch on the stream's current connection, 0 when it has none. */
	private long watchId;

	/** Whether a create request failed and the watch waits for its back-off to pass. */
	private boolean retrying;

	/** How many create requests failed in a row. */
	private int failures;

	/** Whether the listener was told of an outage that has not ended yet. */
	private boolean outageReported;

	private volatile long cursor;

	private volatile boolean suspended;

	private volatile boolean ended;

	private volatile boolean discarding;

	private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger buffered = new AtomicInteger();

	private final AtomicBoolean draining = new AtomicBoolean();

	private @Nullable WatchStream stream;

	/**
	 * The events of a response etcd split into fragments, held until its last fragment
	 * has arrived.
	 */
	private final List<WatchWire.Event> fragments = new ArrayList<>();

	Subscription(DefaultWatchClient client, String key, WatchOptions options, WatchListener listener,
			Namespace namespace, Executor executor) {
		this.client = client;
		this.key = namespace.key(key);
		this.rangeEnd = namespace.rangeEnd(options.range(), key);
		int size = this.key.length + ((this.rangeEnd != null) ? this.rangeEnd.length : 0);
		if (size > MAX_KEY_BYTES) {
			// refused here with the status etcd gives a request over its limit
			throw new EtcdException(
					"The watch request would be too large: its key and range end take " + size
							+ " bytes, more than the " + MAX_KEY_BYTES + " etcd accepts by default",
					new EtcdErrorDetails("watch", null, key, GrpcStatus.INVALID_ARGUMENT, 0, null), null);
		}
		this.displayKey = key;
		this.options = options;
		this.listener = listener;
		this.namespace = namespace;
		this.executor = executor;
		this.cursor = options.startRevision();
	}

	/**
	 * Return the create request for this watch on a connection, from its cursor, and bind
	 * it to the id.
	 * @param id the watch id on the connection
	 * @return the request
	 */
	byte[] createRequest(long id) {
		this.watchId = id;
		this.fragments.clear();
		return WatchWire.create(id, this.key, this.rangeEnd, this.cursor, this.options);
	}

	/**
	 * Return the id of its watch on the stream's current connection.
	 * @return the id, 0 when it has none
	 */
	long watchId() {
		return this.watchId;
	}

	/**
	 * Forget its watch on the connection (cancelled, ended or lost), with the parts of a
	 * split response.
	 */
	void unbind() {
		this.watchId = 0;
		this.fragments.clear();
	}

	/**
	 * Note that its watch was created on etcd: a watch started "from now" starts after
	 * the revision of the answer, and a listener told of an outage is told that it ended.
	 * @param revision the revision in the answer's header
	 */
	void created(long revision) {
		this.failures = 0;
		if (this.cursor == 0) {
			this.cursor = revision + 1;
		}
		if (this.outageReported) {
			this.outageReported = false;
			signal(WatchListener::onReconnected);
		}
	}

	/**
	 * Note that the connection serving the watch failed; the listener is told once per
	 * outage.
	 * @param cause why the connection failed
	 */
	void connectionLost(EtcdException cause) {
		unbind();
		if (!this.outageReported) {
			this.outageReported = true;
			signal((listener) -> listener.onDisconnected(cause));
		}
	}

	/**
	 * Note that etcd refused to create the watch for a reason a reconnection may not
	 * cure; it waits for its back-off before the next attempt.
	 * @param error the error, for the listener
	 * @return how many creations failed in a row
	 */
	int createFailed(EtcdException error) {
		unbind();
		this.failures++;
		this.retrying = true;
		signal((listener) -> listener.onError(error));
		return this.failures;
	}

	/**
	 * Return whether the watch waits for the back-off of a failed creation.
	 * @return {@code true} while it waits
	 */
	boolean isRetrying() {
		return this.retrying;
	}

	/**
	 * End the wait for the back-off of a failed creation.
	 * @return whether it was waiting
	 */
	boolean retryDue() {
		boolean due = this.retrying;
		this.retrying = false;
		return due;
	}

	/**
	 * Return the key as given, for messages.
	 * @return the key
	 */
	String displayKey() {
		return this.displayKey;
	}

	void assign(WatchStream stream) {
		this.stream = stream;
	}

	WatchStream stream() {
		WatchStream current = this.stream;
		if (current == null) {
			throw new IllegalStateException("The watch has not been assigned to a stream");
		}
		return current;
	}

	@Override
	public long nextRevision() {
		return this.cursor;
	}

	@Override
	public boolean isClosed() {
		return this.ended;
	}

	boolean isSuspended() {
		return this.suspended;
	}

	void suspended(boolean suspended) {
		this.suspended = suspended;
	}

	@Override
	public void close() {
		if (this.ended && this.discarding) {
			return;
		}
		terminate();
		this.client.release(this);
	}

	/**
	 * End the watch and drop what it has not delivered, because it or its client was
	 * closed.
	 */
	void terminate() {
		this.discarding = true;
		this.ended = true;
		this.queue.clear();
	}

	/**
	 * Collect the parts of a response that etcd split into fragments.
	 * @param response a response with events
	 * @return the events of the whole response once its last part has arrived, else
	 * {@code null}
	 */
	@Nullable List<WatchWire.Event> assemble(WatchWire.Response response) {
		if (response.fragment()) {
			this.fragments.addAll(response.eventList());
			return null;
		}
		if (this.fragments.isEmpty()) {
			return response.eventList();
		}
		List<WatchWire.Event> whole = new ArrayList<>(this.fragments);
		whole.addAll(response.eventList());
		this.fragments.clear();
		return whole;
	}

	/**
	 * Hand a batch of events to the buffer, leaving out those below the cursor.
	 * @param events the batch, in revision order
	 * @return whether the buffer is full, so the watch must be suspended; never with
	 * direct delivery, which empties the buffer before the stream reads on
	 */
	boolean accept(List<WatchWire.Event> events) {
		long next = this.cursor;
		int added = 0;
		for (WatchWire.Event event : events) {
			KeyValue kv = event.kv();
			if (kv != null && event.revision() >= next) {
				this.queue.add(toEvent(event, kv));
				added++;
			}
		}
		long last = events.get(events.size() - 1).revision();
		if (last + 1 > next) {
			this.cursor = last + 1;
		}
		if (added > 0) {
			this.buffered.addAndGet(added);
			// etcd never splits a revision over two responses: every change up to the
			// last one is delivered
			signal((listener) -> listener.onProgress(last));
		}
		return !this.options.directDelivery() && this.buffered.get() >= this.options.bufferSize();
	}

	/**
	 * Handle a progress notification.
	 * @param revision the revision every change up to which has been sent
	 */
	void progress(long revision) {
		if (revision + 1 > this.cursor) {
			this.cursor = revision + 1;
			signal((listener) -> listener.onProgress(revision));
		}
	}

	/**
	 * End the watch because its resume revision was compacted; the listener is told after
	 * the events already buffered.
	 * @param compactRevision the compact revision etcd reported
	 */
	void compacted(long compactRevision) {
		long resumeRevision = this.cursor;
		this.ended = true;
		stream().observation().event(WatchEvents.COMPACTIONS);
		signal((listener) -> listener.onCompacted(compactRevision, resumeRevision));
	}

	/**
	 * Queue a callback behind the events already buffered.
	 * @param callback the callback
	 */
	void signal(Consumer<WatchListener> callback) {
		if (this.discarding) {
			return;
		}
		this.queue.add(callback);
		schedule();
	}

	private WatchEvent toEvent(WatchWire.Event event, KeyValue kv) {
		KeyValue previous = event.prevKv();
		KeyValue prevKv = (previous != null) ? this.namespace.strip(previous) : null;
		return new WatchEvent(event.isDelete() ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT, this.namespace.strip(kv),
				prevKv);
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			WatchStream current = this.stream;
			if (this.options.directDelivery() && current != null && current.isReadingThread()) {
				current.deliverAfterUnlock(this::drain);
				return;
			}
			try {
				this.executor.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				this.draining.set(false);
				logger.debug("Watch on '" + this.displayKey + "' not delivered: the client is closed", ex);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void drain() {
		while (true) {
			Object item = this.queue.poll();
			if (item == null) {
				this.draining.set(false);
				if (this.queue.isEmpty() || !this.draining.compareAndSet(false, true)) {
					return;
				}
				continue;
			}
			if (this.discarding) {
				continue;
			}
			if (item instanceof WatchEvent event) {
				deliver(event);
			}
			else {
				invoke((Consumer<WatchListener>) item);
			}
		}
	}

	private void deliver(WatchEvent event) {
		invoke((listener) -> listener.onEvent(event));
		stream().observation().event(WatchEvents.EVENTS);
		int left = this.buffered.decrementAndGet();
		WatchStream current = this.stream;
		if (this.suspended && left <= this.options.bufferSize() / 2 && current != null) {
			current.resume(this);
		}
	}

	private void invoke(Consumer<WatchListener> callback) {
		try {
			callback.accept(this.listener);
		}
		catch (RuntimeException ex) {
			stream().observation().event(WatchEvents.LISTENER_ERRORS);
			logger.error("A listener of the watch on '" + this.displayKey + "' failed; the watch goes on", ex);
		}
	}

	@Override
	public String toString() {
		return "Watch[key=" + this.displayKey + ", nextRevision=" + this.cursor + "]";
	}

}
