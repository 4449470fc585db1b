package dev.etcdboot.client.lease;

import java.time.Duration;
import java.util.List;

/**
 * etcd's lease service. Grant, revoke and keep-alive are writes (retried only when they
 * did not reach etcd; a revoke or keep-alive is harmless to repeat, so they are retried
 * like reads); time-to-live and the lease list are reads.
 */
public interface LeaseClient {

	/**
	 * Keep a lease alive for as long as this client runs: refreshed every quarter of its
	 * time-to-live, each refresh bounded to a quarter of the time-to-live and moved to
	 * another member when one does not answer, so that a hung member holds up no lease;
	 * reported lost to the listener, explicitly and once, when etcd no longer has it or a
	 * whole time-to-live (less a small margin) after the last answered refresh was sent.
	 * See {@link LeaseKeepAlive}.
	 * @param leaseId the lease id
	 * @param listener hears about refreshes and the loss of the lease
	 * @return the keep-alive, to close when the lease is no longer needed
	 * @throws dev.etcdboot.client.exception.EtcdLeaseNotFoundException when the lease
	 * does not exist
	 */
	LeaseKeepAlive keepAlive(long leaseId, LeaseListener listener);

	/**
	 * Stop every keep-alive started with {@link #keepAlive}.
	 */
	void close();

	/**
	 * Grant a lease.
	 * @param ttl the time-to-live, at least one second (etcd may grant a longer one)
	 * @return the lease
	 */
	LeaseGrant grant(Duration ttl);

	/**
	 * Revoke a lease, deleting every key attached to it.
	 * @param leaseId the lease id
	 * @throws dev.etcdboot.client.exception.EtcdLeaseNotFoundException when the lease
	 * does not exist
	 */
	void revoke(long leaseId);

	/**
	 * Refresh a lease once, restarting its time-to-live.
	 * @param leaseId the lease id
	 * @return the new time-to-live in seconds; 0 or less when the lease no longer exists
	 */
	long keepAliveOnce(long leaseId);

	/**
	 * Return what etcd knows of a lease.
	 * @param leaseId the lease id
	 * @param withKeys whether to list the keys attached to it
	 * @return the time-to-live; its {@code ttl} is -1 when the lease does not exist
	 */
	LeaseTimeToLive timeToLive(long leaseId, boolean withKeys);

	/**
	 * List the ids of every live lease.
	 * @return the lease ids
	 */
	List<Long> leases();

}
