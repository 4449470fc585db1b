package dev.etcdboot.autoconfigure.coordination;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;

import org.springframework.integration.support.locks.ExpirableLockRegistry;

import dev.etcdboot.client.EtcdClient;

/**
 * Spring Integration's {@code LockRegistry} on etcd: {@link #obtain} returns, per key,
 * one lock shared by the application's threads, reentrant per thread (a local
 * {@code ReentrantLock}) and exclusive across processes (an
 * {@link dev.etcdboot.client.coordination.EtcdLock} named {@code <prefix><key>}). The
 * locks implement {@link dev.etcdboot.client.coordination.Holding}, for fencing tokens
 * and guarded writes.
 * <p>
 * Not a {@code RenewableLockRegistry}: leases are kept alive by the client as long as a
 * lock is held, and their loss is reported rather than renewed.
 */
public final class EtcdLockRegistry implements ExpirableLockRegistry<Lock> {

	private final EtcdClient client;

	private final String prefix;

	private final Duration ttl;

	private final Map<String, EtcdRegistryLock> locks = new ConcurrentHashMap<>();

	/**
	 * Create a registry.
	 * @param client the client
	 * @param prefix the prefix of every lock's name, such as {@code /locks/}
	 * @param ttl the lease TTL of each lock, whole seconds, at least 2
	 */
	public EtcdLockRegistry(EtcdClient client, String prefix, Duration ttl) {
		this.client = client;
		this.prefix = prefix;
		this.ttl = ttl;
		client.lock().newLock(prefix + "check", ttl); // fails now on a bad prefix or TTL
	}

	@Override
	public Lock obtain(Object lockKey) {
		String name = this.prefix + lockKey;
		return this.locks.computeIfAbsent(name,
				(key) -> new EtcdRegistryLock(this.client.lock().newLock(key, this.ttl)));
	}

	/**
	 * Forget the locks that are not held and were last used more than this long ago.
	 * @param age the age in milliseconds
	 */
	@Override
	public void expireUnusedOlderThan(long age) {
		long now = System.currentTimeMillis();
		for (Iterator<EtcdRegistryLock> it = this.locks.values().iterator(); it.hasNext();) {
			EtcdRegistryLock lock = it.next();
			if (lock.isUnusedSince(now - age)) {
				it.remove();
			}
		}
	}

}
