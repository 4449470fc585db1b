package dev.etcdboot.client.internal.lease;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.internal.transport.EndpointPool;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.transport.Endpoint;

/**
 * Keeps one lease alive with a local deadline that passes before etcd can expire it; the
 * mechanism behind both the public lease keep-alive and the sessions of locks and
 * elections.
 * <p>
 * The deadline is counted from when the last answered keep-alive was <em>sent</em>: etcd
 * restarted the lease's time-to-live no earlier than that, so the lease lives at least
 * until then plus the TTL. A safety margin is taken off. The first keep-alive goes out at
 * once, then one every quarter of the TTL, each to a member that has no unanswered
 * keep-alive, so that a silent member holds up at most one of them. A failed one is
 * repeated at once on another member, and so is one still unanswered after a quarter of
 * the TTL (whatever the request timeout): a member that hangs (paused, or forwarding to a
 * leader that is cut off) cannot use up the lease's time while another member could
 * answer. Such an answer still counts if it comes later, from when it was sent. Calls run
 * on the given executor, never on the timer, so a hung call holds up no other lease.
 * <p>
 * It ends, and reports it once, when etcd no longer has the lease or when the deadline
 * passes; or when {@link #stop() stopped}, without a report.
 */
public final class LeaseRefresher {

	private static final Log logger = LogFactory.getLog(LeaseRefresher.class);

	private final EtcdTransport transport;

	private final ScheduledExecutorService timer;

	private final Executor calls;

	private final long leaseId;

	private final long marginNanos;

	private final long attemptNanos;

	private final Events events;

	private final Set<Endpoint> unanswered = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile long deadline;

	private volatile @Nullable EtcdException lastFailure;

	private @Nullable ScheduledFuture<?> refreshes;

	private @Nullable ScheduledFuture<?> deadlineCheck;

	/**
	 * Prepare the keep-alives of a lease; {@link #start()} starts them.
	 * @param transport the transport
	 * @param timer schedules the keep-alives and the deadline; runs no call
	 * @param calls runs the keep-alive calls
	 * @param leaseId the lease id
	 * @param ttlSeconds the lease's time-to-live
	 * @param sent when the request that last restarted the TTL (its grant or a
	 * keep-alive) was sent, in {@link System#nanoTime()}
	 * @param events hears about the refreshes and the end
	 */
	public LeaseRefresher(EtcdTransport transport, ScheduledExecutorService timer, Executor calls, long leaseId,
			long ttlSeconds, long sent, Events events) {
		this.transport = transport;
		this.timer = timer;
		this.calls = calls;
		this.leaseId = leaseId;
		this.events = events;
		long ttlNanos = TimeUnit.SECONDS.toNanos(ttlSeconds);
		this.marginNanos = Math.min(TimeUnit.SECONDS.toNanos(1),
				Math.max(TimeUnit.MILLISECONDS.toNanos(100), ttlNanos / 10));
		this.attemptNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(100), ttlNanos / 4);
		this.deadline = sent + ttlNanos - this.marginNanos;
	}

	/**
	 * Send the first keep-alive now and schedule the next ones and the deadline.
	 * @throws IllegalStateException when the client is closed
	 */
	public synchronized void start() {
		if (this.ended.get()) {
			return;
		}
		try {
			this.refreshes = this.timer.scheduleAtFixedRate(this::refresh, 0, this.attemptNanos, TimeUnit.NANOSECONDS);
			this.deadlineCheck = this.timer.schedule(this::checkDeadline, this.deadline - System.nanoTime(),
					TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			throw new IllegalStateException("The etcd client is closed", ex);
		}
	}

	/**
	 * Return whether the lease is certainly still alive on etcd: not ended and the
	 * deadline not passed. Reads the clock itself, so a process paused past its deadline
	 * sees it the moment it resumes.
	 * @return whether alive
	 */
	public boolean isAlive() {
		return !this.ended.get() && System.nanoTime() - this.deadline < 0;
	}

	/**
	 * Stop the keep-alives, without reporting anything; the lease expires within its TTL
	 * unless revoked.
	 */
	public void stop() {
		end();
	}

	private boolean end() {
		if (!this.ended.compareAndSet(false, true)) {
			return false;
		}
		synchronized (this) {
			if (this.refreshes != null) {
				this.refreshes.cancel(false);
			}
			if (this.deadlineCheck != null) {
				this.deadlineCheck.cancel(false);
			}
		}
		return true;
	}

	private void checkDeadline() {
		if (this.ended.get()) {
			return;
		}
		long remaining = this.deadline - System.nanoTime();
		if (remaining <= 0) {
			if (end()) {
				this.events.deadlinePassed(this.lastFailure);
			}
			return;
		}
		synchronized (this) {
			if (!this.ended.get()) {
				try {
					this.deadlineCheck = this.timer.schedule(this::checkDeadline, remaining, TimeUnit.NANOSECONDS);
				}
				catch (RejectedExecutionException ex) {
					logger.debug("Not watching the deadline of lease " + Long.toHexString(this.leaseId)
							+ ": the client is closed", ex);
				}
			}
		}
	}

	private void refresh() {
		if (this.ended.get()) {
			return;
		}
		EndpointPool endpoints = this.transport.endpoints();
		Endpoint endpoint = endpoints.select(this.unanswered);
		if (!this.unanswered.add(endpoint)) {
			return; // every member has a keep-alive in flight
		}
		long sent = System.nanoTime();
		if (!runCall(() -> keepAlive(endpoints, endpoint, sent))) {
			this.unanswered.remove(endpoint);
		}
	}

	private void keepAlive(EndpointPool endpoints, Endpoint endpoint, long sent) {
		// settled once: by the answer, the failure, or giving up on it; only then is the
		// member free again
		AtomicBoolean settled = new AtomicBoolean();
		ScheduledFuture<?> giveUp;
		try {
			giveUp = this.timer.schedule(() -> {
				if (settled.compareAndSet(false, true)) {
					retryElsewhere(endpoints, endpoint, "was not answered within a quarter of the TTL", null);
				}
			}, this.attemptNanos, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			this.unanswered.remove(endpoint);
			logger.debug(
					"Not sending a keep-alive of lease " + Long.toHexString(this.leaseId) + ": the client is closed",
					ex);
			return;
		}
		KeepAliveAnswer answer;
		try {
			answer = this.transport.callOn(endpoint, "lease/keepalive", new LeaseIdRequest(this.leaseId),
					KeepAliveAnswer.class);
		}
		catch (EtcdLeaseNotFoundException ex) {
			giveUp.cancel(false);
			if (settled.compareAndSet(false, true)) {
				this.unanswered.remove(endpoint);
			}
			expired();
			return;
		}
		catch (RuntimeException ex) {
			// an EtcdException, or the HTTP client closing with the etcd client
			giveUp.cancel(false);
			if (ex instanceof EtcdException failure) {
				this.lastFailure = failure;
			}
			if (settled.compareAndSet(false, true)) {
				retryElsewhere(endpoints, endpoint, "failed", ex);
			}
			return;
		}
		giveUp.cancel(false);
		if (settled.compareAndSet(false, true)) {
			this.unanswered.remove(endpoint);
			endpoints.succeeded(endpoint);
		}
		long ttl = (answer.result() != null) ? answer.result().ttl() : 0;
		if (ttl <= 0) {
			expired();
			return;
		}
		if (extend(sent + TimeUnit.SECONDS.toNanos(ttl) - this.marginNanos)) {
			this.events.refreshed(ttl);
		}
	}

	private void expired() {
		if (end()) {
			this.events.expired();
		}
	}

	private void retryElsewhere(EndpointPool endpoints, Endpoint endpoint, String what,
			@Nullable RuntimeException failure) {
		this.unanswered.remove(endpoint);
		endpoints.failed(endpoint);
		logger.debug("Keep-alive of lease " + Long.toHexString(this.leaseId) + " " + what + " on " + endpoint
				+ "; repeating it on another member", failure);
		if (!this.ended.get()) {
			runCall(this::refresh);
		}
	}

	private synchronized boolean extend(long newDeadline) {
		if (this.ended.get()) {
			return false;
		}
		if (newDeadline - this.deadline > 0) {
			this.deadline = newDeadline;
		}
		return true;
	}

	private boolean runCall(Runnable call) {
		try {
			this.calls.execute(call);
			return true;
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not running a lease call: the client is closed", ex);
			return false;
		}
	}

	@Override
	public String toString() {
		return "LeaseRefresher[lease=" + Long.toHexString(this.leaseId) + ", alive=" + isAlive() + "]";
	}

	/**
	 * Hears about the keep-alives of a lease. Called on the refresher's threads, never
	 * under its lock.
	 */
	public interface Events {

		/**
		 * Handle an answered keep-alive.
		 * @param ttlSeconds the time-to-live etcd restarted
		 */
		void refreshed(long ttlSeconds);

		/**
		 * Handle etcd's answer that it no longer has the lease: it expired or was
		 * revoked. Called at most once, and never after {@link #deadlinePassed}.
		 */
		void expired();

		/**
		 * Handle the passing of the deadline: no keep-alive was answered in time, etcd
		 * may expire the lease any moment. Called at most once, and never after
		 * {@link #expired}.
		 * @param lastFailure the last failed keep-alive, or {@code null} when they went
		 * unanswered
		 */
		void deadlinePassed(@Nullable EtcdException lastFailure);

	}

	private record LeaseIdRequest(@JsonProperty("ID") long id) {
	}

	private record KeepAliveAnswer(@JsonProperty("result") @Nullable KeepAliveResult result) {
	}

	private record KeepAliveResult(@JsonProperty("ID") long id, @JsonProperty("TTL") long ttl) {
	}

}
