package dev.etcdboot.client.watch;

import dev.etcdboot.client.exception.EtcdException;

/**
 * Receives the events of one watch, one call at a time, in revision order, on a delivery
 * thread of its own (never on the thread that reads from etcd), unless the watch asked
 * for {@link WatchOptions.Builder#directDelivery() direct delivery}, which calls it on
 * the reading thread. A callback that throws is logged and counted; the watch goes on
 * with the next event.
 */
@FunctionalInterface
public interface WatchListener {

	/**
	 * Handle one change. Called exactly once per change, in revision order.
	 * @param event the change
	 */
	void onEvent(WatchEvent event);

	/**
	 * Handle the loss of history: the watch had to resume from a revision etcd has
	 * compacted away, so the changes from the resume revision up to
	 * {@code compactRevision} can no longer be delivered. The watch ends after this call;
	 * start a new one from {@code compactRevision + 1} or later, after reading the
	 * current state.
	 * @param compactRevision the revision etcd compacted up to
	 * @param resumeRevision the first revision the watch still needed
	 */
	default void onCompacted(long compactRevision, long resumeRevision) {
	}

	/**
	 * Handle progress: every change up to {@code revision} has been delivered. Called
	 * after the events of each response from etcd (which never splits the changes of one
	 * revision) and for etcd's progress notifications while the range is idle.
	 * @param revision the revision the watch has caught up with
	 */
	default void onProgress(long revision) {
	}

	/**
	 * Handle the loss of the connection that served the watch. The watch reconnects by
	 * itself and resumes without losing a change.
	 * @param cause why the connection was lost
	 */
	default void onDisconnected(EtcdException cause) {
	}

	/**
	 * Handle the re-establishment of the watch after {@link #onDisconnected}.
	 */
	default void onReconnected() {
	}

	/**
	 * Handle an error etcd reported for this watch that a reconnection may not cure, such
	 * as a permission denied. The watch keeps trying with a growing back-off.
	 * @param error the error
	 */
	default void onError(EtcdException error) {
	}

}
