package dev.etcdboot.client.internal.lease;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.lease.LeaseKeepAlive;
import dev.etcdboot.client.lease.LeaseListener;

/**
 * The {@link LeaseKeepAlive} of a {@link dev.etcdboot.client.lease.LeaseClient}.
 */
public final class DefaultLeaseKeepAlive implements LeaseKeepAlive {

	private static final Log logger = LogFactory.getLog(DefaultLeaseKeepAlive.class);

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	private final DefaultLeaseClient leases;

	private final long leaseId;

	private final LeaseListener listener;

	private final ScheduledExecutorService scheduler;

	private volatile long ttlSeconds;

	private volatile long lastRefresh;

	private volatile boolean active = true;

	private @Nullable ScheduledFuture<?> next;

	DefaultLeaseKeepAlive(DefaultLeaseClient leases, long leaseId, long ttlSeconds, LeaseListener listener,
			ScheduledExecutorService scheduler) {
		this.leases = leases;
		this.leaseId = leaseId;
		this.ttlSeconds = ttlSeconds;
		this.listener = listener;
		this.scheduler = scheduler;
		this.lastRefresh = System.nanoTime();
	}

	@Override
	public long leaseId() {
		return this.leaseId;
	}

	@Override
	public boolean isActive() {
		return this.active;
	}

	@Override
	public synchronized void close() {
		this.active = false;
		if (this.next != null) {
			this.next.cancel(false);
		}
	}

	synchronized void schedule(Duration delay) {
		if (this.active) {
			this.next = this.scheduler.schedule(this::refresh, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	Duration interval() {
		return Duration.ofMillis(Math.max(500, TimeUnit.SECONDS.toMillis(this.ttlSeconds) / 3));
	}

	private void refresh() {
		if (!this.active) {
			return;
		}
		try {
			long ttl = this.leases.keepAliveOnce(this.leaseId);
			if (ttl <= 0) {
				lost(LeaseListener.Loss.EXPIRED, null);
				return;
			}
			this.ttlSeconds = ttl;
			this.lastRefresh = System.nanoTime();
			notifyKeepAlive(ttl);
			schedule(interval());
		}
		catch (EtcdLeaseNotFoundException ex) {
			lost(LeaseListener.Loss.EXPIRED, null);
		}
		catch (EtcdException ex) {
			if (System.nanoTime() - this.lastRefresh >= TimeUnit.SECONDS.toNanos(this.ttlSeconds)) {
				lost(LeaseListener.Loss.UNREACHABLE, ex);
				return;
			}
			logger.debug("Keep-alive of lease " + this.leaseId + " failed; retrying", ex);
			schedule(RETRY_INTERVAL);
		}
	}

	private void notifyKeepAlive(long ttl) {
		try {
			this.listener.onKeepAlive(this.leaseId, ttl);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of lease " + this.leaseId + " failed", ex);
		}
	}

	private void lost(LeaseListener.Loss loss, @Nullable EtcdException cause) {
		synchronized (this) {
			if (!this.active) {
				return;
			}
			this.active = false;
		}
		logger.warn("Lease " + this.leaseId + " was lost: " + loss);
		try {
			this.listener.onLost(this.leaseId, loss, cause);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of lease " + this.leaseId + " failed", ex);
		}
	}

	@Override
	public String toString() {
		return "LeaseKeepAlive[leaseId=" + this.leaseId + ", ttl=" + this.ttlSeconds + "s, active=" + this.active + "]";
	}

}
