package dev.etcdboot.client.lease;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.exception.EtcdException;

/**
 * Hears about a lease kept alive with {@link LeaseClient#keepAlive}.
 */
@FunctionalInterface
public interface LeaseListener {

	/**
	 * Handle the loss of the lease: the keys attached to it are gone or about to be, and
	 * keep-alive has stopped. Called at most once, on a thread that reports losses, which
	 * calls to hung members do not hold up.
	 * @param leaseId the lease id
	 * @param loss why it was lost
	 * @param cause the last failed refresh when etcd could not be reached, else
	 * {@code null} (also when the refreshes went unanswered)
	 */
	void onLost(long leaseId, Loss loss, @Nullable EtcdException cause);

	/**
	 * Handle a successful refresh. Called on a keep-alive thread.
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

		/**
		 * No keep-alive was answered in time: a whole time-to-live (less a small margin)
		 * has passed since the last answered one was sent, so etcd may expire the lease
		 * any moment.
		 */
		UNREACHABLE

	}

}
