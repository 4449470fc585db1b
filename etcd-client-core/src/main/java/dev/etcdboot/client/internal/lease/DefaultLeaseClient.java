package dev.etcdboot.client.internal.lease;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.internal.ClientThreads;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.lease.LeaseListener;
import dev.etcdboot.client.lease.LeaseTimeToLive;

/**
 * etcd's lease service. Grant, revoke and keep-alive are writes (retried only when they did not reach etcd;
 * a revoke or keep-alive is harmless to repeat, so they are retried like reads); time-to-live and the lease
 * list are reads.
 */
public final class DefaultLeaseClient {

	private final EtcdTransport transport;

	private final ThreadFactory threadFactory;

	private @Nullable ScheduledThreadPoolExecutor keepAliveScheduler;

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
	 * @param threadFactory makes the keep-alive thread
	 */
	public DefaultLeaseClient(EtcdTransport transport, ThreadFactory threadFactory) {
		this.transport = transport;
		this.threadFactory = threadFactory;
	}

	/**
	 * Keep a lease alive for as long as this client runs: refreshed every third of its time-to-live (on one
	 * thread shared by every lease of this client), and reported lost to the listener, explicitly and once,
	 * when etcd no longer has it or cannot be reached for a whole time-to-live.
	 * @param leaseId the lease id
	 * @param listener hears about refreshes and the loss of the lease
	 * @return the keep-alive, to close when the lease is no longer needed
	 * @throws dev.etcdboot.client.exception.EtcdLeaseNotFoundException when the lease does not exist
	 */
	public DefaultLeaseKeepAlive keepAlive(long leaseId, LeaseListener listener) {
		long ttl = keepAliveOnce(leaseId);
		if (ttl <= 0) {
			throw new EtcdLeaseNotFoundException("The lease does not exist",
					EtcdErrorDetails.unanswered("lease/keepalive", null, null), null);
		}
		DefaultLeaseKeepAlive keepAlive = new DefaultLeaseKeepAlive(this, leaseId, ttl, listener, scheduler());
		keepAlive.schedule(keepAlive.interval());
		return keepAlive;
	}

	/**
	 * Stop every keep-alive started with {@link #keepAlive}.
	 */
	public synchronized void close() {
		this.closed = true;
		if (this.keepAliveScheduler != null) {
			this.keepAliveScheduler.shutdownNow();
		}
	}

	private synchronized ScheduledThreadPoolExecutor scheduler() {
		if (this.closed) {
			throw new IllegalStateException("The etcd client is closed");
		}
		if (this.keepAliveScheduler == null) {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
					ClientThreads.named(this.threadFactory, "etcd-lease-keepalive-"));
			scheduler.setKeepAliveTime(2, TimeUnit.SECONDS);
			scheduler.allowCoreThreadTimeOut(true);
			scheduler.setRemoveOnCancelPolicy(true);
			this.keepAliveScheduler = scheduler;
		}
		return this.keepAliveScheduler;
	}

	/**
	 * Grant a lease.
	 * @param ttl the time-to-live, at least one second (etcd may grant a longer one)
	 * @return the lease
	 */
	public LeaseGrant grant(Duration ttl) {
		long seconds = ttl.toSeconds();
		if (seconds < 1) {
			throw new IllegalArgumentException("Lease TTL must be at least 1 second, was " + ttl);
		}
		return this.transport.call("lease/grant", new GrantRequest(seconds), LeaseGrant.class,
				Idempotence.NOT_IDEMPOTENT, null);
	}

	/**
	 * Revoke a lease, deleting every key attached to it.
	 * @param leaseId the lease id
	 * @throws dev.etcdboot.client.exception.EtcdLeaseNotFoundException when the lease does not exist
	 */
	public void revoke(long leaseId) {
		this.transport.call("lease/revoke", new LeaseIdRequest(leaseId, false), Acknowledgement.class,
				Idempotence.IDEMPOTENT, null);
	}

	/**
	 * Refresh a lease once, restarting its time-to-live.
	 * @param leaseId the lease id
	 * @return the new time-to-live in seconds; 0 or less when the lease no longer exists
	 */
	public long keepAliveOnce(long leaseId) {
		KeepAliveResponse response = this.transport.call("lease/keepalive", new LeaseIdRequest(leaseId, false),
				KeepAliveResponse.class, Idempotence.IDEMPOTENT, null);
		return (response.result() != null) ? response.result().ttl() : 0;
	}

	/**
	 * Return what etcd knows of a lease.
	 * @param leaseId the lease id
	 * @param withKeys whether to list the keys attached to it
	 * @return the time-to-live; its {@code ttl} is -1 when the lease does not exist
	 */
	public LeaseTimeToLive timeToLive(long leaseId, boolean withKeys) {
		return this.transport.call("lease/timetolive", new LeaseIdRequest(leaseId, withKeys),
				LeaseTimeToLive.class, Idempotence.IDEMPOTENT, null);
	}

	/**
	 * List the ids of every live lease.
	 * @return the lease ids
	 */
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
