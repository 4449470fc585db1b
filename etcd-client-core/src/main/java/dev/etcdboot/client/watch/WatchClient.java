package dev.etcdboot.client.watch;

/**
 * etcd's watch service: watches on a key, a prefix or a range, from now or from a past
 * revision.
 * <p>
 * Guarantee: each watch delivers every change in its range exactly once, in revision
 * order, across dropped connections, failed or hung members, leader changes and restarts,
 * by resuming from the revision after the last one it delivered. The one exception is a
 * resume revision that etcd has compacted away: the listener is told with
 * {@link WatchListener#onCompacted} and the watch ends.
 * <p>
 * Sharing: many watches share one gateway stream (a long-lived {@code POST /v3/watch}
 * whose request body carries create and cancel requests), up to
 * {@value #WATCHES_PER_STREAM} per stream; each stream holds one HTTP connection and one
 * thread.
 * <p>
 * Slow listeners: each watch buffers up to {@link WatchOptions#bufferSize()} events for
 * its listener. When the buffer is full the watch is suspended on etcd (cancelled, its
 * cursor kept) so that neither memory nor the shared stream is held up, and recreated
 * from its cursor once the listener has worked off half of the buffer: nothing is
 * dropped, and etcd replays what was missed from its history (unless compacted in the
 * meantime, which the listener is told about). A watch with
 * {@link WatchOptions.Builder#directDelivery() direct delivery} has no such buffer: its
 * listener runs on the stream's reading thread and must never block.
 */
public interface WatchClient extends AutoCloseable {

	/** How many watches one gateway stream carries at most. */
	int WATCHES_PER_STREAM = 1000;

	/**
	 * Watch one key from now on.
	 * @param key the key
	 * @param listener receives the changes
	 * @return the watch, to close when done
	 */
	Watch watch(String key, WatchListener listener);

	/**
	 * Watch a key, a prefix or a range.
	 * @param key the key, or the prefix with {@link WatchOptions#prefix()}, or the range
	 * start
	 * @param options what to watch and from which revision
	 * @param listener receives the changes
	 * @return the watch, to close when done
	 * @throws IllegalStateException when the client is closed
	 * @throws IllegalArgumentException when the key is not valid Unicode text
	 * @throws dev.etcdboot.client.exception.EtcdException with status
	 * {@code INVALID_ARGUMENT} when the key and range end take more than 1.5 MiB, etcd's
	 * default request limit
	 */
	Watch watch(String key, WatchOptions options, WatchListener listener);

	/**
	 * Return how many gateway streams (each one HTTP connection and one thread) are open.
	 * @return the number of streams
	 */
	int streamCount();

	/**
	 * Close every watch and stream and stop the delivery threads.
	 */
	void close();

}
