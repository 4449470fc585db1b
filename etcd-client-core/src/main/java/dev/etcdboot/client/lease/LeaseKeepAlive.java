package dev.etcdboot.client.lease;

/**
 * Keeps one lease alive: refreshes it every third of its time-to-live, retries every second after a failure,
 * and reports the lease lost, explicitly and once, when etcd no longer has it or when no refresh succeeded
 * for a whole time-to-live. Closing it stops the refreshes; the lease then expires unless revoked sooner.
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
