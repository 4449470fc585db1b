package dev.etcdboot.client.cache;

import dev.etcdboot.client.exception.EtcdException;

/**
 * Receives the changes of a {@link KeyRangeCache}, one call at a time, after the copy has
 * applied them.
 */
@FunctionalInterface
public interface CacheListener {

	/**
	 * Handle the changes of one etcd revision. Called once per revision, in revision
	 * order, exactly once.
	 * @param batch the changes
	 */
	void onChanges(CacheChangeBatch batch);

	/**
	 * Handle the loss of the connection that follows the range; the copy keeps answering
	 * reads with the revision it reached and catches up by itself.
	 */
	default void onConnectionLost() {
	}

	/**
	 * Handle the loss of the connection that follows the range, with its cause; calls
	 * {@link #onConnectionLost()} unless overridden.
	 * @param cause why the connection was lost
	 */
	default void onConnectionLost(EtcdException cause) {
		onConnectionLost();
	}

	/**
	 * Handle the re-establishment of the connection after {@link #onConnectionLost()}.
	 */
	default void onConnectionRestored() {
	}

	/**
	 * Handle the loss of history: etcd compacted the revision the copy needed next. The
	 * copy re-reads the range and delivers the difference as a batch marked
	 * {@link CacheChangeBatch#resync()}.
	 * @param compactRevision the revision etcd compacted up to
	 */
	default void onCompacted(long compactRevision) {
	}

	/**
	 * Handle the loss of history, with the revision the copy needed next; calls
	 * {@link #onCompacted(long)} unless overridden.
	 * @param compactRevision the revision etcd compacted up to
	 * @param resumeRevision the first revision the copy still needed
	 */
	default void onCompacted(long compactRevision, long resumeRevision) {
		onCompacted(compactRevision);
	}

}
