package dev.etcdboot.client.internal.coordination;

import java.time.Duration;

import dev.etcdboot.client.coordination.Leader;
import dev.etcdboot.client.internal.kv.DefaultKvClient;
import dev.etcdboot.client.internal.lease.DefaultLeaseClient;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.watch.DefaultWatchClient;

/**
 * Leader elections on etcd, see {@link Election}.
 *
 * <pre class="code">
 * Election election = client.election().election("/elections/scheduler");
 * try (Leadership leadership = election.campaign("instance-1")) {
 *     leadership.txnIfHolding(Txn.builder()...);   // applied only while still leader
 * }
 * </pre>
 */
public final class DefaultElectionClient implements AutoCloseable {

	private final Coordination coordination;

	/**
	 * Create the election API.
	 * @param kv the KV API
	 * @param watch the watch API, whose shared streams carry the waits
	 * @param lease the lease API
	 * @param transport the transport, for keep-alives sent to chosen members
	 */
	public DefaultElectionClient(DefaultKvClient kv, DefaultWatchClient watch, DefaultLeaseClient lease,
			EtcdTransport transport) {
		this.coordination = new Coordination(kv, watch, lease, transport, "etcd-election-");
	}

	/**
	 * Return an election with the default TTL of 10 seconds.
	 * @param name the election's name, such as {@code /elections/scheduler}
	 * @return the election
	 */
	public DefaultElection election(String name) {
		return election(name, DefaultLockClient.DEFAULT_TTL);
	}

	/**
	 * Return an election.
	 * @param name the election's name, such as {@code /elections/scheduler}
	 * @param ttl the TTL of each candidacy's lease: how long a leader that stopped answering keeps the others
	 * waiting; whole seconds, at least 2
	 * @return the election
	 * @throws IllegalArgumentException when the name is empty or the TTL is invalid
	 */
	public DefaultElection election(String name, Duration ttl) {
		return new DefaultElection(this.coordination, DefaultLockClient.checkName(name), DefaultLockClient.checkTtl(ttl));
	}

	/**
	 * Stop the threads of this API; campaigns under way fail with {@link IllegalStateException}. Leaderships
	 * are not resigned; their leases expire within their TTL.
	 */
	@Override
	public void close() {
		this.coordination.close();
	}

}
