package dev.etcdboot.client.coordination;

import java.util.Optional;

/**
 * Follows who leads an election, and with what value, from a watched local copy of the
 * candidates' keys (one watch on the shared stream). The listener hears the current
 * leader first, then every change of leader or of its value, once each, in revision
 * order; {@link Optional#empty()} when nobody leads. Close it when done.
 */
public interface LeaderObservation extends AutoCloseable {

	/**
	 * Return the leader as of the local copy, without asking etcd.
	 * @return the leader, or empty when nobody leads
	 */
	Optional<Leader> leader();

	/**
	 * Stop following.
	 */
	void close();

}
