package dev.etcdboot.client.coordination;

/**
 * Leadership won in an {@link Election}: lasts until {@link #resign()} or a loss (its
 * lease could not be kept alive within its TTL, or its key was deleted), which
 * {@link LossListener}s hear about, before etcd could expire the lease. Writes can be
 * guarded by it like by a lock.
 */
public interface Leadership extends Holding, AutoCloseable {

	/**
	 * Return the election's name.
	 * @return the name
	 */
	String election();

	/**
	 * Return the value last proclaimed.
	 * @return the value
	 */
	String value();

	/**
	 * Hear about the loss of this leadership; told at once when it was lost already.
	 * @param listener the listener
	 */
	void addLossListener(LossListener listener);

	/**
	 * Announce a new value as leader, in one transaction guarded by this leadership.
	 * @param newValue the value
	 * @throws LockLostException when no longer leader; nothing was written
	 */
	void proclaim(String newValue);

	/**
	 * Step down: the lease is revoked, which deletes the key and lets the next candidate
	 * lead. Does nothing when resigned already.
	 */
	void resign();

	/**
	 * Resign.
	 */
	void close();

}
