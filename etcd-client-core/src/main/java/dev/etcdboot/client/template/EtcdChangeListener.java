package dev.etcdboot.client.template;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.template.node.EtcdChange;

/**
 * Receives the changes of a watch started with {@link EtcdOperations#watch}, one call at
 * a time, in revision order, on a delivery thread (never the thread that reads from
 * etcd).
 */
@FunctionalInterface
public interface EtcdChangeListener {

	/**
	 * Handle one change.
	 * @param change the change
	 */
	void onChange(EtcdChange change);

	/**
	 * Handle the loss of history: changes up to {@code compactRevision} that were not
	 * delivered are gone. Without resync the watch ends after this call; with resync,
	 * changes marked {@link EtcdChange#resync()} follow that bring the listener to the
	 * current state, and the watch goes on.
	 * @param compactRevision the revision etcd compacted up to
	 */
	default void onCompacted(long compactRevision) {
	}

	/**
	 * Handle the loss of the connection; the watch reconnects by itself without losing a
	 * change.
	 * @param cause why the connection was lost
	 */
	default void onDisconnected(EtcdException cause) {
	}

	/**
	 * Handle the re-establishment of the watch after {@link #onDisconnected}.
	 */
	default void onReconnected() {
	}

}
