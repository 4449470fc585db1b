package dev.etcdboot.client.internal.coordination;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import dev.etcdboot.client.coordination.Election;
import dev.etcdboot.client.coordination.ElectionClient;
import dev.etcdboot.client.coordination.Leader;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.lease.LeaseClient;
import dev.etcdboot.client.watch.WatchClient;

/**
 * The {@link ElectionClient} of an {@code EtcdClient}.
 */
public final class DefaultElectionClient implements ElectionClient {

	private final Coordination coordination;

	/**
	 * Create the election API.
	 * @param kv the KV API
	 * @param watch the watch API, whose shared streams carry the waits
	 * @param lease the lease API
	 * @param transport the transport, for keep-alives sent to chosen members
	 * @param threads the client's thread factory, which makes the timer and call threads
	 */
	public DefaultElectionClient(KvClient kv, WatchClient watch, LeaseClient lease, EtcdTransport transport,
			ThreadFactory threads) {
		this.coordination = new Coordination(kv, watch, lease, transport, threads, "etcd-election-");
	}

	@Override
	public Election election(String name) {
		return election(name, DefaultLockClient.DEFAULT_TTL);
	}

	@Override
	public Election election(String name, Duration ttl) {
		return new DefaultElection(this.coordination, DefaultLockClient.checkName(name),
				DefaultLockClient.checkTtl(ttl));
	}

	@Override
	public void close() {
		this.coordination.close();
	}

}
