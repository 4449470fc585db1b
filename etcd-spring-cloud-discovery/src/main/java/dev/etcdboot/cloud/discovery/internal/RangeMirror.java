package dev.etcdboot.cloud.discovery.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;

/**
 * A watched local copy of a key range, reduced to what the service catalog needs: the
 * changes, in revision order, each exactly once, and whether etcd is reachable. Backed by
 * the client's {@link dev.etcdboot.client.cache.KeyRangeCache}
 * ({@link KeyRangeCacheMirror}).
 */
public interface RangeMirror extends AutoCloseable {

	/**
	 * Return the etcd revision the copy reflects; 0 before the first read succeeded.
	 * @return the revision
	 */
	long revision();

	/**
	 * Return whether the copy follows etcd right now (its first read succeeded and its
	 * watch is connected).
	 * @return {@code true} when connected
	 */
	boolean isConnected();

	/**
	 * Stop following the range.
	 */
	@Override
	void close();

	/**
	 * Hears the changes of the range, one call at a time.
	 */
	interface Listener {

		/**
		 * Apply changes.
		 * @param revision the revision the copy reflects after them
		 * @param changes the changed keys
		 * @param replaceAll whether the changes are the whole range (a first read or a
		 * re-read after compaction) that replaces everything known before
		 */
		void onChanges(long revision, List<Change> changes, boolean replaceAll);

		/**
		 * Handle the loss of the connection; the copy stays as it is until the connection
		 * returns.
		 */
		default void onConnectionLost() {
		}

		/**
		 * Handle the return of the connection; the changes missed meanwhile follow.
		 */
		default void onConnectionRestored() {
		}

	}

	/**
	 * One changed key.
	 *
	 * @param key the key
	 * @param current its value now, or {@code null} when it was deleted
	 */
	record Change(String key, @Nullable KeyValue current) {
	}

}
