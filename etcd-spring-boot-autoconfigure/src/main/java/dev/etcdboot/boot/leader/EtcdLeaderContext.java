package dev.etcdboot.boot.leader;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.coordination.FencingToken;
import dev.etcdboot.client.coordination.Holding;

/**
 * One term of leadership of an {@code EtcdLeaderInitiator}: whether it lasts, its fencing
 * token, the leadership itself for guarded writes, and a way to step down.
 */
public final class EtcdLeaderContext {

	private final String role;

	private final Holding leadership;

	private final Runnable yielder;

	/**
	 * Create the context of a term, as the leader initiator does when it wins an
	 * election.
	 * @param role the role
	 * @param leadership the leadership won
	 * @param yielder ends the term when called
	 */
	public EtcdLeaderContext(String role, Holding leadership, Runnable yielder) {
		this.role = role;
		this.leadership = leadership;
		this.yielder = yielder;
	}

	/**
	 * Return the role this term is for.
	 * @return the role
	 */
	public String getRole() {
		return this.role;
	}

	/**
	 * Return whether this term lasts: elected, not yielded, lease certainly alive.
	 * @return whether leader
	 */
	public boolean isLeader() {
		return this.leadership.isHeld();
	}

	/**
	 * Return the fencing token of this term.
	 * @return the token, or {@code null} when the term has ended
	 */
	public @Nullable FencingToken getFencingToken() {
		return isLeader() ? this.leadership.fencingToken() : null;
	}

	/**
	 * Return the leadership, to guard writes with ({@link Holding#txnIfHolding}).
	 * @return the leadership
	 */
	public Holding getLeadership() {
		return this.leadership;
	}

	/**
	 * Step down; the initiator runs for leader again.
	 */
	public void yieldLeadership() {
		this.yielder.run();
	}

	@Override
	public String toString() {
		return "EtcdLeaderContext[role=" + this.role + ", leader=" + isLeader() + "]";
	}

}
