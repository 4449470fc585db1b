package dev.etcdboot.client.internal.lease;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.lease.LeaseKeepAlive;
import dev.etcdboot.client.lease.LeaseListener;

/**
 * The {@link LeaseKeepAlive} of a {@link dev.etcdboot.client.lease.LeaseClient}: a
 * {@link LeaseRefresher} that tells a {@link LeaseListener}.
 */
public final class DefaultLeaseKeepAlive implements LeaseKeepAlive {

	private static final Log logger = LogFactory.getLog(DefaultLeaseKeepAlive.class);

	private final long leaseId;

	private final LeaseListener listener;

	private final Executor lossReports;

	private final LeaseRefresher refresher;

	private volatile long ttlSeconds;

	private volatile boolean active = true;

	DefaultLeaseKeepAlive(EtcdTransport transport, ScheduledExecutorService timer, Executor calls, Executor lossReports,
			long leaseId, long ttlSeconds, long sent, LeaseListener listener) {
		this.leaseId = leaseId;
		this.ttlSeconds = ttlSeconds;
		this.listener = listener;
		this.lossReports = lossReports;
		this.refresher = new LeaseRefresher(transport, timer, calls, leaseId, ttlSeconds, sent, new Events());
	}

	void start() {
		this.refresher.start();
	}

	@Override
	public long leaseId() {
		return this.leaseId;
	}

	@Override
	public boolean isActive() {
		return this.active && this.refresher.isAlive();
	}

	@Override
	public void close() {
		this.active = false;
		this.refresher.stop();
	}

	private void lost(LeaseListener.Loss loss, @Nullable EtcdException cause) {
		this.active = false;
		logger.warn("Lease " + Long.toHexString(this.leaseId) + " was lost: " + loss);
		try {
			// neither on the timer, which a slow listener would hold up, nor behind calls
			// to hung members
			this.lossReports.execute(() -> notifyLost(loss, cause));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not reporting the loss of lease " + Long.toHexString(this.leaseId) + ": the client is closed",
					ex);
		}
	}

	private void notifyLost(LeaseListener.Loss loss, @Nullable EtcdException cause) {
		try {
			this.listener.onLost(this.leaseId, loss, cause);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of lease " + Long.toHexString(this.leaseId) + " failed", ex);
		}
	}

	@Override
	public String toString() {
		return "LeaseKeepAlive[leaseId=" + this.leaseId + ", ttl=" + this.ttlSeconds + "s, active=" + isActive() + "]";
	}

	private final class Events implements LeaseRefresher.Events {

		@Override
		public void refreshed(long ttlSeconds) {
			DefaultLeaseKeepAlive.this.ttlSeconds = ttlSeconds;
			try {
				DefaultLeaseKeepAlive.this.listener.onKeepAlive(DefaultLeaseKeepAlive.this.leaseId, ttlSeconds);
			}
			catch (RuntimeException ex) {
				logger.error("A listener of lease " + Long.toHexString(DefaultLeaseKeepAlive.this.leaseId) + " failed",
						ex);
			}
		}

		@Override
		public void expired() {
			lost(LeaseListener.Loss.EXPIRED, null);
		}

		@Override
		public void deadlinePassed(@Nullable EtcdException lastFailure) {
			lost(LeaseListener.Loss.UNREACHABLE, lastFailure);
		}

	}

}
