package dev.etcdboot.client.coordination;

import java.time.Duration;

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
public interface ElectionClient extends AutoCloseable {

	/**
	 * Return an election with the default TTL of 10 seconds.
	 * @param name the election's name, such as {@code /elections/scheduler}
	 * @return the election
	 */
	Election election(String name);

	/**
	 * Return an election.
	 * @param name the election's name, such as {@code /elections/scheduler}
	 * @param ttl the TTL of each candidacy's lease: how long a leader that stopped
	 * answering keeps the others waiting; whole seconds, at least 2
	 * @return the election
	 * @throws IllegalArgumentException when the name is empty or the TTL is invalid
	 */
	Election election(String name, Duration ttl);

	/**
	 * Stop the threads of this API; campaigns under way fail with
	 * {@link IllegalStateException}. Leaderships are not resigned; their leases expire
	 * within their TTL.
	 */
	void close();

}
