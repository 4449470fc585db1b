package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.internal.transport.EndpointPool;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.transport.Endpoint;

/**
 * A lease kept alive for one acquisition, with a local deadline that ends it before etcd can expire it.
 * <p>
 * The deadline is counted from when the last answered keep-alive was <em>sent</em>: etcd restarted the
 * lease's time-to-live no earlier than that, so the lease lives at least until then plus the TTL. A safety
 * margin is taken off. The first keep-alive goes out at once (a slow grant leaves less of the TTL than it
 * seems), then one every quarter of the TTL, each to a member that has no unanswered keep-alive, so that a
 * silent member holds up at most one of them. A failed one is repeated at once on another member, and so is
 * one still unanswered after a quarter of the TTL (whatever the request timeout): a member that hangs
 * (paused, or forwarding to a leader that is cut off) cannot use up the lease's time while another member
 * could answer. Such an answer still counts if it comes later, from when it was sent. {@link #isAlive()}
 * reads the clock itself, so a process that was paused past its deadline sees the loss the moment it
 * resumes, before any timer runs.
 */
final class Session {

	private static final Log logger = LogFactory.getLog(Session.class);

	private final Coordination coordination;

	private final long leaseId;

	private final long ttlNanos;

	private final long marginNanos;

	private final long attemptNanos;

	private final Set<Endpoint> unanswered = ConcurrentHashMap.newKeySet();

	private volatile long deadline;

	private volatile @Nullable String lossReason;

	private volatile boolean ended;

	private @Nullable Consumer<String> lossHandler;

	private @Nullable ScheduledFuture<?> refreshes;

	private @Nullable ScheduledFuture<?> deadlineCheck;

	private Session(Coordination coordination, long leaseId, long ttlSeconds, long grantSent) {
		this.coordination = coordination;
		this.leaseId = leaseId;
		this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSeconds);
		this.marginNanos = Math.min(TimeUnit.SECONDS.toNanos(1),
				Math.max(TimeUnit.MILLISECONDS.toNanos(100), this.ttlNanos / 10));
		this.attemptNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(100), this.ttlNanos / 4);
		this.deadline = grantSent + this.ttlNanos - this.marginNanos;
	}

	/**
	 * Grant a lease and start keeping it alive.
	 * @param coordination the shared resources
	 * @param ttl the time-to-live
	 * @return the session
	 */
	static Session grant(Coordination coordination, Duration ttl) {
		long sent = System.nanoTime();
		LeaseGrant grant = coordination.lease().grant(ttl);
		Session session = new Session(coordination, grant.id(), grant.ttl(), sent);
		session.start();
		return session;
	}

	private synchronized void start() {
		this.refreshes = this.coordination.scheduleAtFixedRate(this::refresh, Duration.ofNanos(this.attemptNanos));
		this.deadlineCheck = this.coordination.schedule(this::checkDeadline, remaining());
	}

	long leaseId() {
		return this.leaseId;
	}

	/**
	 * Return whether the lease is certainly still alive on etcd: not ended, not lost, deadline not passed.
	 * @return whether alive
	 */
	boolean isAlive() {
		return !this.ended && System.nanoTime() - this.deadline < 0;
	}

	/**
	 * Return why the session was lost.
	 * @return the reason, or {@code null} while not lost
	 */
	@Nullable String lossReason() {
		if (this.lossReason == null && !this.ended && !isAlive()) {
			lose("no keep-alive of lease " + Long.toHexString(this.leaseId)
					+ " was answered in time: etcd may expire it any moment");
		}
		return this.lossReason;
	}

	/**
	 * Hear about the loss of the lease, at most once; called at once when it is lost already.
	 * @param handler receives the reason
	 */
	void whenLost(Consumer<String> handler) {
		String reason;
		synchronized (this) {
			this.lossHandler = handler;
			reason = this.lossReason;
		}
		if (reason != null) {
			handler.accept(reason);
		}
	}

	/**
	 * Stop keeping the lease alive and revoke it, deleting the keys attached to it. When etcd cannot be reached
	 * the lease expires by itself within its TTL.
	 */
	void close() {
		if (stop()) {
			revoke();
		}
	}

	/**
	 * Stop keeping the lease alive without revoking it, as the client closes: it expires within its TTL.
	 */
	void abandon() {
		stop();
	}

	private boolean stop() {
		synchronized (this) {
			if (this.ended) {
				return false;
			}
			this.ended = true;
			if (this.refreshes != null) {
				this.refreshes.cancel(false);
			}
			if (this.deadlineCheck != null) {
				this.deadlineCheck.cancel(false);
			}
			return true;
		}
	}

	private void revoke() {
		try {
			this.coordination.lease().revoke(this.leaseId);
		}
		catch (EtcdLeaseNotFoundException ex) {
			logger.debug("Lease " + Long.toHexString(this.leaseId) + " had expired already");
		}
		catch (EtcdException ex) {
			logger.warn("Could not revoke lease " + Long.toHexString(this.leaseId)
					+ "; it expires by itself within its TTL: " + ex.getMessage());
		}
		catch (RuntimeException ex) {
			if (!this.coordination.isClosed()) {
				throw ex;
			}
			// expected: the client closes its HTTP connections after its coordination threads
			logger.debug("Not revoking lease " + Long.toHexString(this.leaseId)
					+ ": the client is closed; it expires by itself within its TTL", ex);
		}
	}

	private void lose(String reason) {
		Consumer<String> handler;
		synchronized (this) {
			if (this.lossReason != null || this.ended) {
				// a session its owner closed or abandoned is not lost: a keep-alive it sent before, answered
				// after the revocation, finds no lease
				return;
			}
			this.lossReason = reason;
			handler = this.lossHandler;
		}
		boolean stopped = stop();
		logger.warn(reason);
		if (handler != null) {
			handler.accept(reason);
		}
		if (stopped) {
			// the keys of a lost lease only hold others up: let them go now if etcd can be reached
			runCall(this::revoke);
		}
	}

	private Duration remaining() {
		return Duration.ofNanos(this.deadline - System.nanoTime());
	}

	private void checkDeadline() {
		if (this.ended) {
			return;
		}
		Duration remaining = remaining();
		if (remaining.isNegative() || remaining.isZero()) {
			lossReason();
			return;
		}
		synchronized (this) {
			if (!this.ended) {
				this.deadlineCheck = this.coordination.schedule(this::checkDeadline, remaining);
			}
		}
	}

	private void refresh() {
		if (this.ended) {
			return;
		}
		EndpointPool endpoints = this.coordination.transport().endpoints();
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
		// settled once: by the answer, the failure, or giving up on it; only then is the member free again
		AtomicBoolean settled = new AtomicBoolean();
		ScheduledFuture<?> giveUp;
		try {
			giveUp = this.coordination.schedule(() -> {
				if (settled.compareAndSet(false, true)) {
					retryElsewhere(endpoints, endpoint, "was not answered within a quarter of the TTL", null);
				}
			}, Duration.ofNanos(this.attemptNanos));
		}
		catch (IllegalStateException ex) {
			this.unanswered.remove(endpoint);
			logger.debug("Not sending a keep-alive of lease " + Long.toHexString(this.leaseId)
					+ ": the client is closed", ex);
			return;
		}
		KeepAliveAnswer answer;
		try {
			answer = this.coordination.transport()
				.callOn(endpoint, "lease/keepalive", new LeaseIdRequest(this.leaseId), KeepAliveAnswer.class);
		}
		catch (EtcdLeaseNotFoundException ex) {
			giveUp.cancel(false);
			if (settled.compareAndSet(false, true)) {
				this.unanswered.remove(endpoint);
			}
			lose("etcd no longer has lease " + Long.toHexString(this.leaseId) + ": it expired or was revoked");
			return;
		}
		catch (RuntimeException ex) {
			// an EtcdException, or the HTTP client closing with the etcd client
			giveUp.cancel(false);
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
			lose("etcd no longer has lease " + Long.toHexString(this.leaseId) + ": it expired or was revoked");
			return;
		}
		extend(sent + TimeUnit.SECONDS.toNanos(ttl) - this.marginNanos);
	}

	private void retryElsewhere(EndpointPool endpoints, Endpoint endpoint, String what,
			@Nullable RuntimeException failure) {
		this.unanswered.remove(endpoint);
		endpoints.failed(endpoint);
		logger.debug("Keep-alive of lease " + Long.toHexString(this.leaseId) + " " + what + " on " + endpoint
				+ "; repeating it on another member", failure);
		if (!this.ended) {
			runCall(this::refresh);
		}
	}

	private synchronized void extend(long newDeadline) {
		if (!this.ended && newDeadline - this.deadline > 0) {
			this.deadline = newDeadline;
		}
	}

	private boolean runCall(Runnable call) {
		try {
			this.coordination.calls().execute(call);
			return true;
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not running a lease call: the client is closed", ex);
			return false;
		}
	}

	@Override
	public String toString() {
		return "Session[lease=" + Long.toHexString(this.leaseId) + ", alive=" + isAlive() + "]";
	}

	private record LeaseIdRequest(@JsonProperty("ID") long id) {
	}

	private record KeepAliveAnswer(@JsonProperty("result") @Nullable KeepAliveResult result) {
	}

	private record KeepAliveResult(@JsonProperty("ID") long id, @JsonProperty("TTL") long ttl) {
	}

}
