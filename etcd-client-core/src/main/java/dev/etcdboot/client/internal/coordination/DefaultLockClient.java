package dev.etcdboot.client.internal.coordination;

import java.time.Duration;

import dev.etcdboot.client.internal.kv.DefaultKvClient;
import dev.etcdboot.client.internal.lease.DefaultLeaseClient;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;

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
public final class DefaultLockClient implements AutoCloseable {

	/** The lease TTL of a lock unless another is given. */
	public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

	private final Coordination coordination;

	/**
	 * Create the lock API.
	 * @param kv the KV API
	 * @param watch the watch API, whose shared streams carry the waits
	 * @param lease the lease API
	 * @param transport the transport, for keep-alives sent to chosen members
	 */
	public DefaultLockClient(DefaultKvClient kv, DefaultWatchClient watch, DefaultLeaseClient lease, EtcdTransport transport) {
		this.coordination = new Coordination(kv, watch, lease, transport, "etcd-lock-");
	}

	/**
	 * Create a lock with the default TTL of 10 seconds.
	 * @param name the lock's name, such as {@code /locks/invoices}
	 * @return the lock, not yet acquired
	 */
	public DefaultEtcdLock newLock(String name) {
		return newLock(name, DEFAULT_TTL);
	}

	/**
	 * Create a lock.
	 * @param name the lock's name, such as {@code /locks/invoices}
	 * @param ttl the TTL of each acquisition's lease: how long a holder that stopped answering (crashed,
	 * paused, cut off) keeps others waiting; whole seconds, at least 2
	 * @return the lock, not yet acquired
	 * @throws IllegalArgumentException when the name is empty or the TTL is invalid
	 */
	public DefaultEtcdLock newLock(String name, Duration ttl) {
		return new DefaultEtcdLock(this.coordination, checkName(name), checkTtl(ttl));
	}

	static String checkName(String name) {
		if (name == null || name.isEmpty()) {
			throw new IllegalArgumentException("A lock or election name must not be empty");
		}
		return name;
	}

	static Duration checkTtl(Duration ttl) {
		if (ttl == null || ttl.compareTo(Duration.ofSeconds(2)) < 0 || ttl.toMillis() % 1000 != 0) {
			throw new IllegalArgumentException("The TTL must be whole seconds, at least 2, was " + ttl);
		}
		return ttl;
	}

	/**
	 * Stop the threads of this API; acquisitions under way fail with {@link IllegalStateException}. Held locks
	 * are not released; their leases expire within their TTL.
	 */
	@Override
	public void close() {
		this.coordination.close();
	}

}
