package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import dev.etcdboot.client.coordination.EtcdLock;
import dev.etcdboot.client.coordination.LockClient;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.lease.LeaseClient;
import dev.etcdboot.client.watch.WatchClient;

/**
 * The {@link LockClient} of an {@code EtcdClient}.
 */
public final class DefaultLockClient implements LockClient {

	private final Coordination coordination;

	/**
	 * Create the lock API.
	 * @param kv the KV API
	 * @param watch the watch API, whose shared streams carry the waits
	 * @param lease the lease API
	 * @param transport the transport, for keep-alives sent to chosen members
	 * @param threads the client's thread factory, which makes the timer and call threads
	 */
	public DefaultLockClient(KvClient kv, WatchClient watch, LeaseClient lease, EtcdTransport transport,
			ThreadFactory threads) {
		this.coordination = new Coordination(kv, watch, lease, transport, threads, "etcd-lock-");
	}

	@Override
	public EtcdLock newLock(String name) {
		return newLock(name, DEFAULT_TTL);
	}

	@Override
	public EtcdLock newLock(String name, Duration ttl) {
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

	@Override
	public void close() {
		this.coordination.close();
	}

}
