package dev.etcdboot.client.internal.lease;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.lease.LeaseClient;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.lease.LeaseListener;
import dev.etcdboot.client.lease.LeaseTimeToLive;

/**
 * The {@link LeaseClient} of an {@code EtcdClient}.
 */
public final class DefaultLeaseClient implements LeaseClient {

	private static final long THREAD_KEEP_ALIVE_MILLIS = 2000;

	/** The most keep-alive calls in flight at once, whatever the number of leases. */
	private static final int MAX_CALL_THREADS = 64;

	private final EtcdTransport transport;

	private final ThreadFactory threadFactory;

	private @Nullable ScheduledThreadPoolExecutor keepAliveTimer;

	private @Nullable ThreadPoolExecutor keepAliveCalls;

	private @Nullable ThreadPoolExecutor lossReports;

	private boolean closed;

	/**
	 * Create the lease API over a transport.
	 * @param transport the transport
	 */
	public DefaultLeaseClient(EtcdTransport transport) {
		this(transport, ClientThreads.PLATFORM);
	}

	/**
	 * Create the lease API over a transport, with the client's thread factory.
	 * @param transport the transport
	 * @param threadFactory makes the keep-alive threads
	 */
	public DefaultLeaseClient(EtcdTransport transport, ThreadFactory threadFactory) {
		this.transport = transport;
		this.threadFactory = threadFactory;
	}

	@Override
	public DefaultLeaseKeepAlive keepAlive(long leaseId, LeaseListener listener) {
		long sent = System.nanoTime();
		long ttl = keepAliveOnce(leaseId);
		if (ttl <= 0) {
			throw new EtcdLeaseNotFoundException("The lease does not exist",
					EtcdErrorDetails.unanswered("lease/keepalive", null, null), null);
		}
		DefaultLeaseKeepAlive keepAlive;
		synchronized (this) {
			startThreads();
			keepAlive = new DefaultLeaseKeepAlive(this.transport, Objects.requireNonNull(this.keepAliveTimer),
					Objects.requireNonNull(this.keepAliveCalls), Objects.requireNonNull(this.lossReports), leaseId, ttl,
					sent, listener);
		}
		keepAlive.start();
		return keepAlive;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.keepAliveTimer != null) {
			this.keepAliveTimer.shutdownNow();
		}
		if (this.keepAliveCalls != null) {
			this.keepAliveCalls.shutdownNow();
		}
		if (this.lossReports != null) {
			this.lossReports.shutdownNow();
		}
	}

	/**
	 * Start the keep-alive threads on first use: a timer that runs no call, the threads
	 * of the calls, so that a call to a hung member holds up no other lease's keep-alives
	 * nor any deadline, and a thread that tells the listeners of losses, which neither
	 * hung calls nor the timer wait for.
	 */
	private void startThreads() {
		if (this.closed) {
			throw new IllegalStateException("The etcd client is closed");
		}
		if (this.keepAliveTimer == null) {
			ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
					ClientThreads.named(this.threadFactory, "etcd-lease-timer-"));
			timer.setKeepAliveTime(THREAD_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS);
			timer.allowCoreThreadTimeOut(true);
			timer.setRemoveOnCancelPolicy(true);
			this.keepAliveTimer = timer;
		}
		if (this.keepAliveCalls == null) {
			ThreadPoolExecutor calls = new ThreadPoolExecutor(MAX_CALL_THREADS, MAX_CALL_THREADS,
					THREAD_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
					ClientThreads.named(this.threadFactory, "etcd-lease-keepalive-"));
			calls.allowCoreThreadTimeOut(true);
			this.keepAliveCalls = calls;
		}
		if (this.lossReports == null) {
			ThreadPoolExecutor reports = new ThreadPoolExecutor(1, 1, THREAD_KEEP_ALIVE_MILLIS, TimeUnit.MILLISECONDS,
					new LinkedBlockingQueue<>(), ClientThreads.named(this.threadFactory, "etcd-lease-loss-"));
			reports.allowCoreThreadTimeOut(true);
			this.lossReports = reports;
		}
	}

	@Override
	public LeaseGrant grant(Duration ttl) {
		long seconds = ttl.toSeconds();
		if (seconds < 1) {
			throw new IllegalArgumentException("Lease TTL must be at least 1 second, was " + ttl);
		}
		return this.transport
			.call("lease/grant", new GrantRequest(seconds), LeaseWire.Grant.class, Idempotence.NOT_IDEMPOTENT, null)
			.toGrant();
	}

	@Override
	public void revoke(long leaseId) {
		this.transport.call("lease/revoke", new LeaseIdRequest(leaseId, false), Acknowledgement.class,
				Idempotence.IDEMPOTENT, null);
	}

	@Override
	public long keepAliveOnce(long leaseId) {
		KeepAliveResponse response = this.transport.call("lease/keepalive", new LeaseIdRequest(leaseId, false),
				KeepAliveResponse.class, Idempotence.IDEMPOTENT, null);
		return (response.result() != null) ? response.result().ttl() : 0;
	}

	@Override
	public LeaseTimeToLive timeToLive(long leaseId, boolean withKeys) {
		return this.transport
			.call("lease/timetolive", new LeaseIdRequest(leaseId, withKeys), LeaseWire.TimeToLive.class,
					Idempotence.IDEMPOTENT, null)
			.toTimeToLive();
	}

	@Override
	public List<Long> leases() {
		LeasesResponse response = this.transport.call("lease/leases", Map.of(), LeasesResponse.class,
				Idempotence.IDEMPOTENT, null);
		return (response.leases() != null) ? response.leases().stream().map(LeaseId::id).toList() : List.of();
	}

	private record GrantRequest(@JsonProperty("TTL") long ttl) {
	}

	private record LeaseIdRequest(@JsonProperty("ID") long id, @JsonProperty("keys") boolean keys) {
	}

	private record Acknowledgement(@JsonProperty("header") @Nullable Object header) {
	}

	private record KeepAliveResponse(@JsonProperty("result") @Nullable KeepAliveResult result) {
	}

	private record KeepAliveResult(@JsonProperty("ID") long id, @JsonProperty("TTL") long ttl) {
	}

	private record LeasesResponse(@JsonProperty("leases") @Nullable List<LeaseId> leases) {
	}

	private record LeaseId(@JsonProperty("ID") long id) {
	}

}
