package dev.etcdboot.client.coordination;

import java.time.Duration;

/**
 * Distributed locks on etcd, see {@link EtcdLock}.
 *
 * <pre class="code">
 * EtcdLock lock = client.lock().newLock("/locks/invoices");
 * lock.lock();
 * try {
 *     client.kv().txn(...)                  // unguarded
 *     lock.txnIfHolding(Txn.builder()...);  // applied only while the lock is held
 * }
 * finally {
 *     lock.unlock();
 * }
 * </pre>
 */
public interface LockClient extends AutoCloseable {

	/** The lease TTL of a lock unless another is given. */
	Duration DEFAULT_TTL = Duration.ofSeconds(10);

	/**
	 * Create a lock with the default TTL of 10 seconds.
	 * @param name the lock's name, such as {@code /locks/invoices}
	 * @return the lock, not yet acquired
	 */
	EtcdLock newLock(String name);

	/**
	 * Create a lock.
	 * @param name the lock's name, such as {@code /locks/invoices}
	 * @param ttl the TTL of each acquisition's lease: how long a holder that stopped
	 * answering (crashed, paused, cut off) keeps others waiting; whole seconds, at least
	 * 2
	 * @return the lock, not yet acquired
	 * @throws IllegalArgumentException when the name is empty or the TTL is invalid
	 */
	EtcdLock newLock(String name, Duration ttl);

	/**
	 * Stop the threads of this API; acquisitions under way fail with
	 * {@link IllegalStateException}. Held locks are not released; their leases expire
	 * within their TTL.
	 */
	void close();

}
