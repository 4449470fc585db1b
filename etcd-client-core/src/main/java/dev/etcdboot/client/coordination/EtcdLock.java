package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.BiConsumer;

/**
 * A distributed lock on etcd, with the algorithm of etcd's own {@code concurrency.Mutex}
 * (the keys are those of {@code etcdctl lock}, so both exclude each other): each
 * acquisition creates the key {@code <name>/<lease id in hex>} on a lease of its own; the
 * key with the lowest create revision holds the lock; a waiter watches only the key just
 * before its own, on the client's shared watch stream.
 * <p>
 * Ownership: the holder is this object, not a thread, and it is <b>not reentrant</b>:
 * {@link #lock()} while this object holds or is acquiring the lock fails with
 * {@link IllegalStateException}; {@link #unlock()} may be called from any thread. Two
 * {@code EtcdLock} objects of the same name exclude each other like two processes.
 * (Spring Integration's {@code EtcdLockRegistry} adds per-thread reentrancy on top.)
 * <p>
 * Loss: the lock lasts while its lease lives. It ends locally as soon as no keep-alive
 * was answered within the lease's TTL counted from when it was sent (before etcd could
 * expire the lease), or when its key is deleted; {@link #isHeld()} then answers
 * {@code false}, {@linkplain #addLossListener loss listeners} are told, and writes
 * guarded with {@link #txnIfHolding} or {@link #ifHolding()} fail. Each acquisition has a
 * {@link FencingToken}.
 */
public interface EtcdLock extends Lock, Holding {

	/**
	 * Return the lock's name, the prefix of its contenders' keys.
	 * @return the name
	 */
	String name();

	/**
	 * Return the time-to-live of the lease of each acquisition.
	 * @return the TTL
	 */
	Duration ttl();

	/**
	 * Hear about losses of this lock without an {@link #unlock()}: an acquisition's lease
	 * could not be kept alive or its key was deleted. Called once per lost acquisition,
	 * at the latest when the local deadline passed (before etcd can expire the lease), on
	 * a thread of the client or on the thread that noticed the loss first (such as one
	 * calling {@code fencingToken()} in a process that resumes from a pause).
	 * @param listener receives the exception that guarded writes of the acquisition now
	 * fail with, naming the reason, and the acquisition that was lost
	 */
	void addLossListener(BiConsumer<LockLostException, FencingToken> listener);

	/**
	 * Acquire the lock, waiting as long as it takes; an interrupt is remembered and does
	 * not end the wait.
	 * @throws IllegalStateException when this object holds the lock or is acquiring it
	 * already
	 * @throws dev.etcdboot.client.exception.EtcdException when etcd could not be reached
	 * to create the key, or the lease was lost while waiting
	 */
	void lock();

	/**
	 * Acquire the lock unless interrupted; an interrupt gives up the acquisition (its key
	 * is deleted).
	 * @throws InterruptedException when interrupted before the lock was acquired
	 */
	void lockInterruptibly() throws InterruptedException;

	/**
	 * Acquire the lock only if nobody holds it: one lease grant and one transaction, no
	 * wait.
	 * @return whether the lock was acquired
	 */
	boolean tryLock();

	/**
	 * Acquire the lock, waiting at most this long.
	 * @param time the longest wait
	 * @param unit its unit
	 * @return whether the lock was acquired; if not, the acquisition's key is deleted
	 * @throws InterruptedException when interrupted before the lock was acquired
	 */
	boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

	/**
	 * Acquire the lock without blocking a thread while waiting: the wait is one watch on
	 * the client's shared stream. Cancelling the returned future gives up the
	 * acquisition.
	 * @return completes with the fencing token once the lock is held, or with the failure
	 */
	CompletableFuture<FencingToken> lockAsync();

	/**
	 * Release the lock: its lease is revoked, which deletes its key. After a loss, this
	 * only cleans up.
	 * @throws IllegalMonitorStateException when this object did not acquire the lock
	 */
	void unlock();

	/**
	 * Not supported: a condition would need the lock's holder to be a thread.
	 * @return never
	 * @throws UnsupportedOperationException always
	 */
	Condition newCondition();

}
