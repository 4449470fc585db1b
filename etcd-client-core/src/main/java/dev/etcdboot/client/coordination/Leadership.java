package dev.etcdboot.client.coordination;

import java.util.function.BiConsumer;

/**
 * Leadership won in an {@link Election}: lasts until {@link #resign()} or a loss (its
 * lease could not be kept alive within its TTL, or its key was deleted), which
 * {@linkplain #addLossListener loss listeners} hear about, before etcd could expire the
 * lease. Writes can be guarded by it like by a lock.
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
	 * Hear about the loss of this leadership without a {@link #resign()}: its lease could
	 * not be kept alive or its key was deleted. Called at once when it was lost already,
	 * else once, at the latest when the local deadline passed (before etcd can expire the
	 * lease), on a thread of the client or on the thread that noticed the loss first
	 * (such as one calling {@code fencingToken()} in a process that resumes from a
	 * pause).
	 * @param listener receives the exception that guarded writes of the acquisition now
	 * fail with, naming the reason, and the acquisition that was lost
	 */
	void addLossListener(BiConsumer<LockLostException, FencingToken> listener);

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
