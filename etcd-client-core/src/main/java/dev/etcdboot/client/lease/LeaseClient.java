package dev.etcdboot.client.lease;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.transport.EtcdTransport;
import dev.etcdboot.client.transport.Idempotence;

/**
 * etcd's lease service. Grant, revoke and keep-alive are writes (retried only when they did not reach etcd;
 * a revoke or keep-alive is harmless to repeat, so they are retried like reads); time-to-live and the lease
 * list are reads.
 */
public final class LeaseClient {

	private final EtcdTransport transport;

	/**
	 * Create the lease API over a transport.
	 * @param transport the transport
	 */
	public LeaseClient(EtcdTransport transport) {
		this.transport = transport;
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
