package dev.etcdboot.client.lease;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;

/**
 * Hears about a lease kept alive with {@link LeaseClient#keepAlive}.
 */
@FunctionalInterface
public interface LeaseListener {

	/**
	 * Handle the loss of the lease: the keys attached to it are gone or about to be, and keep-alive has
	 * stopped. Called at most once, on the keep-alive thread.
	 * @param leaseId the lease id
	 * @param loss why it was lost
	 * @param cause the last failure when etcd could not be reached, else {@code null}
	 */
	void onLost(long leaseId, Loss loss, @Nullable EtcdException cause);

	/**
	 * Handle a successful refresh.
	 * @param leaseId the lease id
	 * @param ttlSeconds the time-to-live etcd restarted
	 */
	default void onKeepAlive(long leaseId, long ttlSeconds) {
	}

	/**
	 * Why a lease was lost.
	 */
	enum Loss {

		/** etcd no longer has the lease: it expired or was revoked. */
		EXPIRED,

		/** No keep-alive reached etcd for a whole time-to-live: the lease has expired there by now. */
		UNREACHABLE

	}

}
