package dev.etcdboot.client.lease;

/**
 * Keeps one lease alive: refreshes it at once, then every quarter of its time-to-live,
 * each time on a member without an unanswered refresh; one that fails, or is not answered
 * within a quarter of the time-to-live whatever the request timeout, is repeated at once
 * on another member. Reports the lease lost, explicitly and once: when etcd no longer has
 * it, or at its deadline, a whole time-to-live after the last answered refresh was
 * <em>sent</em> less a small margin (etcd restarted the time-to-live no earlier than
 * that), even while refreshes still hang. Closing it stops the refreshes; the lease then
 * expires unless revoked sooner.
 */
public interface LeaseKeepAlive extends AutoCloseable {

	/**
	 * Return the lease id.
	 * @return the id
	 */
	long leaseId();

	/**
	 * Return whether the lease is still being kept alive: not closed and not lost.
	 * @return {@code true} while active
	 */
	boolean isActive();

	/**
	 * Stop refreshing the lease. It is not revoked.
	 */
	void close();

}
