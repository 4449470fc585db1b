package dev.etcdboot.client.coordination;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A leader election on etcd with the algorithm of etcd's own
 * {@code concurrency.Election}: a candidate creates {@code <name>/<lease id in hex>}
 * holding its value on a lease of its own; the candidate with the lowest create revision
 * leads; the others wait, each watching only the candidate just before it on the client's
 * shared watch stream. Leadership has the lease, loss and fencing rules of
 * {@link EtcdLock}.
 */
public interface Election {

	/**
	 * Return the election's name, the prefix of its candidates' keys.
	 * @return the name
	 */
	String name();

	/**
	 * Return the TTL of each candidacy's lease.
	 * @return the TTL
	 */
	Duration ttl();

	/**
	 * Run for leader and wait until elected; an interrupt withdraws the candidacy.
	 * @param value the value to announce as leader
	 * @return the leadership
	 * @throws InterruptedException when interrupted before elected
	 */
	Leadership campaign(String value) throws InterruptedException;

	/**
	 * Run for leader, waiting at most this long.
	 * @param value the value to announce as leader
	 * @param timeout the longest wait
	 * @return the leadership, or empty when not elected in time (the candidacy is then
	 * withdrawn)
	 * @throws InterruptedException when interrupted before elected
	 */
	Optional<Leadership> campaign(String value, Duration timeout) throws InterruptedException;

	/**
	 * Run for leader without blocking a thread while waiting. Cancelling the returned
	 * future withdraws the candidacy.
	 * @param value the value to announce as leader
	 * @return completes with the leadership once elected, or with the failure
	 */
	CompletableFuture<Leadership> campaignAsync(String value);

	/**
	 * Read the current leader from etcd (a linearizable read).
	 * @return the leader, or empty when nobody leads
	 */
	Optional<Leader> leader();

	/**
	 * Follow the leader: the listener hears the current leader, then each change of
	 * leader or value.
	 * @param listener receives the leader, or empty when nobody leads
	 * @return the observation, to close when done
	 */
	LeaderObservation observe(Consumer<Optional<Leader>> listener);

}
