package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.internal.lease.LeaseRefresher;
import dev.etcdboot.client.lease.LeaseGrant;

/**
 * A lease kept alive for one acquisition, with a local deadline that ends it before etcd
 * can expire it.
 * <p>
 * The keep-alives and the deadline are those of a {@link LeaseRefresher}: counted from
 * when the grant or the last answered keep-alive was <em>sent</em>, less a safety margin;
 * the first keep-alive at once (a slow grant leaves less of the TTL than it seems), then
 * one every quarter of the TTL, each to a member without an unanswered one, repeated
 * elsewhere when it fails or is not answered within a quarter of the TTL.
 * {@link #isAlive()} reads the clock itself, so a process that was paused past its
 * deadline sees the loss the moment it resumes, before any timer runs.
 */
final class Session {

	private static final Log logger = LogFactory.getLog(Session.class);

	private final Coordination coordination;

	private final long leaseId;

	private final LeaseRefresher refresher;

	private volatile @Nullable String lossReason;

	private volatile boolean ended;

	private @Nullable Consumer<String> lossHandler;

	private Session(Coordination coordination, long leaseId, long ttlSeconds, long grantSent) {
		this.coordination = coordination;
		this.leaseId = leaseId;
		this.refresher = new LeaseRefresher(coordination.transport(), coordination.timer(), coordination.calls(),
				leaseId, ttlSeconds, grantSent, new Events());
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

	private void start() {
		this.refresher.start();
	}

	long leaseId() {
		return this.leaseId;
	}

	/**
	 * Return whether the lease is certainly still alive on etcd: not ended, not lost,
	 * deadline not passed.
	 * @return whether alive
	 */
	boolean isAlive() {
		return !this.ended && this.refresher.isAlive();
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
	 * Hear about the loss of the lease, at most once; called at once when it is lost
	 * already.
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
	 * Stop keeping the lease alive and revoke it, deleting the keys attached to it. When
	 * etcd cannot be reached the lease expires by itself within its TTL.
	 */
	void close() {
		if (stop()) {
			revoke();
		}
	}

	/**
	 * Stop keeping the lease alive without revoking it, as the client closes: it expires
	 * within its TTL.
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
		}
		this.refresher.stop();
		return true;
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
			// expected: the client closes its HTTP connections after its coordination
			// threads
			logger.debug("Not revoking lease " + Long.toHexString(this.leaseId)
					+ ": the client is closed; it expires by itself within its TTL", ex);
		}
	}

	private void lose(String reason) {
		Consumer<String> handler;
		synchronized (this) {
			if (this.lossReason != null || this.ended) {
				// a session its owner closed or abandoned is not lost: a keep-alive it
				// sent before, answered
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
			// the keys of a lost lease only hold others up: let them go now if etcd can
			// be reached
			runCall(this::revoke);
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

	private final class Events implements LeaseRefresher.Events {

		@Override
		public void refreshed(long ttlSeconds) {
		}

		@Override
		public void expired() {
			lose("etcd no longer has lease " + Long.toHexString(Session.this.leaseId) + ": it expired or was revoked");
		}

		@Override
		public void deadlinePassed(@Nullable EtcdException lastFailure) {
			lossReason();
		}

	}

}
