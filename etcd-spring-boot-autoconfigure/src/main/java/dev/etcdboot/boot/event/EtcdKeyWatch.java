package dev.etcdboot.boot.event;

/**
 * A prefix or key whose changes are published as {@link EtcdKeyChangedEvent}s. Close it
 * to stop.
 */
public interface EtcdKeyWatch extends AutoCloseable {

	/**
	 * Return what the watch covers.
	 * @return the prefix, or the key of a single-key watch
	 */
	String getWatchedPrefix();

	/**
	 * Return whether the watch covers every key starting with
	 * {@link #getWatchedPrefix()}.
	 * @return {@code true} for a prefix, {@code false} for a single key
	 */
	boolean isPrefix();

	/**
	 * Stop publishing the changes. No event of this watch is published after this method
	 * returns, except one being published.
	 */
	@Override
	void close();

}
