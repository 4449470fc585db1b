package dev.etcdboot.client.internal.watch;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.internal.Backoff;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.observation.EtcdObservationDocumentation.WatchEvents;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.internal.transport.GatewayErrors;
import dev.etcdboot.client.watch.Watch;

/**
 * One gateway stream that carries many watches, and the thread that keeps it open: it
 * connects to a healthy member, creates every watch from its cursor, reads the responses,
 * and when the connection fails (dropped, member down or hung, no leader, stream error)
 * reconnects at once to a member it has not tried in this round; only after a round in
 * which every member failed does it pause (jittered, growing from about 0.25 s to 2 s),
 * and a stream that was re-created and served starts the rounds over. It never gives up
 * while it has watches.
 */
public final class WatchStream {

	private static final Log logger = LogFactory.getLog(WatchStream.class);

	/**
	 * The pause after a round in which every member failed; short, so a member that is
	 * back is reached soon.
	 */
	public static final Backoff ROUND_BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2));

	/** The pause before a watch whose creation etcd refused is created again. */
	public static final Backoff CREATE_BACKOFF = new Backoff(Duration.ofMillis(800), Duration.ofSeconds(30));

	/**
	 * How long a re-created stream must have served before a failure starts a new series
	 * of rounds.
	 */
	private static final Duration SERVED = Duration.ofSeconds(1);

	private final DefaultWatchClient client;

	private final EtcdTransport transport;

	private final StreamSettings settings;

	private final Observation observation;

	private final Thread thread;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private final Set<Subscription> subscriptions = new LinkedHashSet<>();

	private final Map<Long, Subscription> byWatchId = new HashMap<>();

	private final ArrayDeque<PendingCreate> pendingCreates = new ArrayDeque<>();

	/**
	 * Deliveries of watches with direct delivery, run by the reading thread once it has
	 * released the lock; only touched by that thread.
	 */
	private final ArrayDeque<Runnable> directDeliveries = new ArrayDeque<>();

	private @Nullable WatchConnection connection;

	private long nextWatchId = 1;

	private boolean connectedBefore;

	/** Whether etcd created a watch on the current connection. */
	private boolean recreated;

	private boolean closed;

	WatchStream(DefaultWatchClient client, EtcdTransport transport, StreamSettings settings, Observation observation,
			String threadName, ThreadFactory threadFactory) {
		this.client = client;
		this.transport = transport;
		this.settings = settings;
		this.observation = observation;
		this.thread = ClientThreads.newThread(threadFactory, threadName, this::run);
	}

	Observation observation() {
		return this.observation;
	}

	/**
	 * Return how many watches this stream serves.
	 * @return the number of watches
	 */
	int size() {
		this.lock.lock();
		try {
			return this.subscriptions.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return the member the stream is connected to.
	 * @return the endpoint, or {@code null} while it is not connected
	 */
	@Nullable Endpoint endpoint() {
		this.lock.lock();
		try {
			return (this.connection != null) ? this.connection.endpoint() : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return whether the caller is the thread that reads this stream.
	 * @return {@code true} on the reading thread
	 */
	boolean isReadingThread() {
		return Thread.currentThread() == this.thread;
	}

	/**
	 * Run a delivery on the reading thread once it has released the stream's lock, before
	 * it reads the next message; called by the reading thread.
	 * @param delivery the delivery
	 */
	void deliverAfterUnlock(Runnable delivery) {
		this.directDeliveries.add(delivery);
	}

	private void runDirectDeliveries() {
		for (Runnable delivery = this.directDeliveries.poll(); delivery != null; delivery = this.directDeliveries
			.poll()) {
			delivery.run();
		}
	}

	/**
	 * Serve a watch; it is created at once when the stream is connected, else when it
	 * connects. The stream's thread starts with its first watch, so that a first
	 * connection that fails at once is reported to that watch. Called under the client's
	 * lock on its streams.
	 * @param subscription the watch
	 */
	void add(Subscription subscription) {
		underLock((outbox) -> {
			this.subscriptions.add(subscription);
			create(subscription, outbox);
		});
		if (this.thread.getState() == Thread.State.NEW) {
			this.observation.start();
			this.thread.start();
		}
	}

	/**
	 * Stop serving a watch, cancelling it on etcd.
	 * @param subscription the watch
	 */
	void remove(Subscription subscription) {
		underLock((outbox) -> {
			this.subscriptions.remove(subscription);
			cancel(subscription, outbox);
		});
	}

	/**
	 * Recreate a watch that was suspended because its listener fell behind, from its
	 * cursor.
	 * @param subscription the watch
	 */
	void resume(Subscription subscription) {
		underLock((outbox) -> {
			if (subscription.isSuspended() && this.subscriptions.contains(subscription)) {
				subscription.suspended(false);
				create(subscription, outbox);
			}
		});
	}

	/**
	 * Recreate a watch whose creation failed, once its back-off has passed.
	 * @param subscription the watch
	 */
	void retry(Subscription subscription) {
		underLock((outbox) -> {
			if (subscription.retryDue() && this.subscriptions.contains(subscription)) {
				create(subscription, outbox);
			}
		});
	}

	/**
	 * Run an action under the stream's lock and send the requests it gathered, in order,
	 * once the lock is released.
	 */
	private void underLock(Consumer<Outbox> action) {
		this.lock.lock();
		Outbox outbox = new Outbox();
		try {
			action.accept(outbox);
		}
		finally {
			outbox.lockAndRelease();
		}
		outbox.send();
	}

	/**
	 * Close the stream and its connection; its thread ends.
	 */
	void close() {
		WatchConnection current;
		this.lock.lock();
		try {
			this.closed = true;
			current = this.connection;
			this.subscriptions.forEach(Subscription::terminate);
			this.wakeUp.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (current != null) {
			current.close();
		}
		this.observation.stop();
	}

	private void run() {
		// back off per round over all members, not per attempt: after a failure the next
		// untried member is
		// tried at once, and only a round in which every member failed is followed by a
		// pause
		int rounds = 0;
		Set<Endpoint> tried = new HashSet<>();
		while (true) {
			Endpoint endpoint = this.transport.endpoints().select(tried);
			WatchConnection current = null;
			String token = null;
			long connectedAt = 0;
			EtcdException cause;
			try {
				token = this.transport.authorization(endpoint);
				current = WatchConnection.open(endpoint, token, WatchWire.PROGRESS_REQUEST, this.settings);
				if (!attach(current)) {
					current.close();
					return;
				}
				connectedAt = System.nanoTime();
				this.transport.endpoints().succeeded(endpoint);
				WatchConnection reading = current;
				WatchMessageReader.read(current.body(), (message) -> onMessage(reading, message));
				cause = new EtcdUnavailableException("The etcd member ended the watch stream",
						EtcdErrorDetails.unanswered("watch", endpoint.toString(), null), null);
			}
			catch (StreamFailure failure) {
				cause = failure.cause;
			}
			catch (EtcdException ex) {
				cause = ex;
			}
			catch (WatchConnection.MemberHungException ex) {
				cause = new EtcdTimeoutException(Objects.requireNonNullElse(ex.getMessage(), "The member hung"),
						EtcdErrorDetails.unanswered("watch", endpoint.toString(), null), ex);
			}
			catch (IOException | JacksonException ex) {
				cause = lost(endpoint, ex);
			}
			catch (RuntimeException ex) {
				// a bug must not end the stream silently: report it and reconnect like
				// after any failure
				logger.error("Unexpected failure of the watch stream to " + endpoint + "; reconnecting", ex);
				cause = new EtcdProtocolException("Unexpected failure of the watch stream: " + ex,
						EtcdErrorDetails.unanswered("watch", endpoint.toString(), null), ex);
			}
			if (current != null) {
				current.close();
			}
			boolean closing = detach(cause);
			runDirectDeliveries();
			if (closing) {
				return;
			}
			if (token != null && GatewayErrors.staleToken(cause.details())) {
				this.transport.invalidate(endpoint, token);
			}
			else if (GatewayErrors.memberFailed(cause)) {
				this.transport.endpoints().failed(endpoint);
			}
			if (served(connectedAt)) {
				rounds = 0;
				tried.clear();
			}
			tried.add(endpoint);
			logger.debug("Watch stream to " + endpoint + " failed; reconnecting", cause);
			if (tried.containsAll(this.transport.endpoints().all())) {
				rounds++;
				tried.clear();
				if (!pause(ROUND_BACKOFF.delay(rounds))) {
					return;
				}
			}
		}
	}

	/**
	 * Return whether the failed connection had been serving: etcd created the watches on
	 * it and it lived a moment, so the failure starts a new series of rounds.
	 */
	private boolean served(long connectedAt) {
		this.lock.lock();
		try {
			return this.recreated && connectedAt != 0 && System.nanoTime() - connectedAt >= SERVED.toNanos();
		}
		finally {
			this.lock.unlock();
		}
	}

	private static EtcdException lost(Endpoint endpoint, Exception ex) {
		EtcdErrorDetails details = EtcdErrorDetails.unanswered("watch", endpoint.toString(), null);
		if (ex instanceof JacksonException) {
			return new EtcdProtocolException("etcd sent a watch message this client cannot read", details, ex);
		}
		if (ex instanceof WatchMessageReader.ProtocolViolationException) {
			return new EtcdProtocolException("etcd's watch stream broke the protocol: " + ex.getMessage(), details, ex);
		}
		return new EtcdUnavailableException("Watch stream to etcd lost: " + ex, details, ex);
	}

	private boolean pause(Duration delay) {
		long deadline = System.nanoTime() + delay.toNanos();
		this.lock.lock();
		try {
			while (!this.closed) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				this.wakeUp.awaitNanos(left);
			}
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	private boolean attach(WatchConnection current) {
		underLock((outbox) -> {
			if (this.closed) {
				return;
			}
			this.connection = current;
			this.recreated = false;
			if (this.connectedBefore) {
				this.observation.event(WatchEvents.RECONNECTS);
			}
			this.connectedBefore = true;
			for (Subscription subscription : this.subscriptions) {
				create(subscription, outbox);
			}
		});
		return this.connection == current;
	}

	/**
	 * Forget the failed connection and tell each watch's listener of the outage once.
	 * @param cause why the connection failed
	 * @return whether the stream is closed, so its thread must end
	 */
	private boolean detach(EtcdException cause) {
		this.lock.lock();
		try {
			this.connection = null;
			this.byWatchId.clear();
			this.pendingCreates.clear();
			if (!this.closed) {
				this.subscriptions.forEach((subscription) -> subscription.connectionLost(cause));
			}
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void create(Subscription subscription, Outbox outbox) {
		if (this.connection == null || subscription.isSuspended() || subscription.isRetrying()
				|| subscription.isClosed()) {
			return;
		}
		long id = this.nextWatchId++;
		this.byWatchId.put(id, subscription);
		this.pendingCreates.add(new PendingCreate(id, subscription));
		outbox.add(subscription.createRequest(id));
	}

	private void cancel(Subscription subscription, Outbox outbox) {
		long id = subscription.watchId();
		subscription.unbind();
		if (id != 0) {
			this.byWatchId.remove(id);
			if (this.connection != null) {
				outbox.add(WatchWire.cancel(id));
			}
		}
	}

	private void onMessage(WatchConnection current, WatchWire.Message message) {
		if (message.error() != null) {
			GatewayError error = message.error();
			throw new StreamFailure(GatewayErrors.toException(new EtcdErrorDetails("watch",
					current.endpoint().toString(), null, error.status(), error.httpCode(), error.text())));
		}
		WatchWire.Response response = message.result();
		if (response == null) {
			return;
		}
		List<Subscription> ended = new ArrayList<>(0);
		StreamFailure failure = null;
		this.lock.lock();
		Outbox outbox = new Outbox();
		try {
			if (this.connection == current) {
				dispatch(response, current, outbox, ended);
			}
		}
		catch (StreamFailure ex) {
			failure = ex;
		}
		finally {
			outbox.lockAndRelease();
		}
		outbox.send();
		runDirectDeliveries();
		ended.forEach(this.client::release);
		if (failure != null) {
			throw failure;
		}
	}

	private void dispatch(WatchWire.Response response, WatchConnection current, Outbox outbox,
			List<Subscription> ended) {
		if (response.created()) {
			onCreated(response, current, outbox, ended);
		}
		else if (response.watchId() != WatchWire.NO_WATCH) {
			onWatchResponse(response, current, outbox, ended);
		}
		// a response with no watch answers a progress request: it shows that the stream
		// is alive, nothing
		// more, since etcd 3.4 may send it ahead of events of lower revisions
	}

	private void onCreated(WatchWire.Response response, WatchConnection current, Outbox outbox,
			List<Subscription> ended) {
		PendingCreate pending = this.pendingCreates.poll();
		if (pending == null) {
			throw new StreamFailure(new EtcdProtocolException("etcd confirmed a watch that was not requested",
					EtcdErrorDetails.unanswered("watch", current.endpoint().toString(), null), null));
		}
		Subscription subscription = pending.subscription;
		boolean live = subscription.watchId() == pending.watchId;
		if (response.canceled()) {
			if (live) {
				this.byWatchId.remove(pending.watchId);
				subscription.unbind();
				canceled(subscription, response, current, ended);
			}
			return;
		}
		if (!live) {
			outbox.add(WatchWire.cancel(pending.watchId));
			return;
		}
		subscription.created(response.revision());
		this.recreated = true;
	}

	private void onWatchResponse(WatchWire.Response response, WatchConnection current, Outbox outbox,
			List<Subscription> ended) {
		Subscription subscription = this.byWatchId.get(response.watchId());
		if (subscription == null) {
			return;
		}
		if (response.canceled() || response.compactRevision() != 0) {
			this.byWatchId.remove(response.watchId());
			subscription.unbind();
			canceled(subscription, response, current, ended);
			return;
		}
		if (response.eventList().isEmpty()) {
			subscription.progress(response.revision());
			return;
		}
		List<WatchWire.Event> events = subscription.assemble(response);
		if (events != null && subscription.accept(events)) {
			subscription.suspended(true);
			cancel(subscription, outbox);
		}
	}

	private void canceled(Subscription subscription, WatchWire.Response response, WatchConnection current,
			List<Subscription> ended) {
		if (response.compactRevision() != 0) {
			subscription.compacted(response.compactRevision());
			ended.add(subscription);
			return;
		}
		String reason = (response.cancelReason() != null) ? response.cancelReason() : "watch canceled by etcd";
		EtcdException error = GatewayErrors.toException(new EtcdErrorDetails("watch", current.endpoint().toString(),
				subscription.displayKey(), statusOf(reason), 0, reason));
		if (GatewayErrors.staleToken(error.details()) || GatewayErrors.transientForReads(error.details())) {
			throw new StreamFailure(error);
		}
		int failures = subscription.createFailed(error);
		this.client.scheduleRetry(subscription, this, CREATE_BACKOFF.delay(failures));
	}

	/**
	 * Read the gRPC status out of a cancel reason such as
	 * {@code rpc error: code = PermissionDenied desc = etcdserver: permission denied}.
	 */
	static GrpcStatus statusOf(String reason) {
		int start = reason.indexOf("code = ");
		if (start < 0) {
			return GrpcStatus.UNKNOWN;
		}
		int end = reason.indexOf(' ', start + 7);
		String name = reason.substring(start + 7, (end < 0) ? reason.length() : end);
		for (GrpcStatus status : GrpcStatus.values()) {
			if (status.name().replace("_", "").equalsIgnoreCase(name)) {
				return status;
			}
		}
		return GrpcStatus.UNKNOWN;
	}

	private record PendingCreate(long watchId, Subscription subscription) {
	}

	/**
	 * Ends the current connection from inside the message handler.
	 */
	private static final class StreamFailure extends RuntimeException {

		private final EtcdException cause;

		StreamFailure(EtcdException cause) {
			super(cause.getMessage(), cause, false, false);
			this.cause = cause;
		}

	}

	/**
	 * Requests gathered under the stream's lock and written in the same order after it is
	 * released: the write lock is taken before the stream's lock is released, so that
	 * concurrent senders cannot reorder them.
	 */
	private final class Outbox {

		private final List<byte[]> lines = new ArrayList<>(1);

		private @Nullable WatchConnection target;

		void add(byte[] line) {
			this.lines.add(line);
		}

		void lockAndRelease() {
			try {
				if (!this.lines.isEmpty() && WatchStream.this.connection != null) {
					this.target = WatchStream.this.connection;
					this.target.lockWrites();
				}
			}
			finally {
				WatchStream.this.lock.unlock();
			}
		}

		void send() {
			WatchConnection current = this.target;
			if (current == null) {
				return;
			}
			try {
				for (byte[] line : this.lines) {
					current.sendLocked(line);
				}
			}
			catch (IOException ex) {
				// the reader of this connection sees the failure too and reconnects;
				// closing makes sure of it
				logger.debug("Writing to the watch stream to " + current.endpoint() + " failed", ex);
				current.close();
			}
			finally {
				current.unlockWrites();
			}
		}

	}

}
