package dev.etcdboot.client.watch;

/**
 * A running watch. Closing it stops deliveries and frees its share of the stream that
 * serves it.
 */
public interface Watch extends AutoCloseable {

	/**
	 * Return the revision from which the watch will resume: one past the last event
	 * handed to the listener's buffer or the last progress notification; 0 while a watch
	 * started "from now" has not been created yet.
	 * @return the next revision expected
	 */
	long nextRevision();

	/**
	 * Return whether the watch has ended, because it was closed or its history was
	 * compacted away.
	 * @return {@code true} when it has ended
	 */
	boolean isClosed();

	/**
	 * Stop the watch. No callback starts after this method returns, except one already
	 * running.
	 */
	@Override
	void close();

}
