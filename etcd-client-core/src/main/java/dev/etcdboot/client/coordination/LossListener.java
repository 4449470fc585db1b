package dev.etcdboot.client.coordination;

/**
 * Hears that a held lock or leadership was lost without being released: its lease could
 * not be kept alive or its key was deleted. Called once per lost acquisition, at the
 * latest when the local deadline passed (before etcd can expire the lease), on a thread
 * of the client or on the thread that noticed the loss first (such as one calling
 * {@code fencingToken()} in a process that resumes from a pause).
 */
@FunctionalInterface
public interface LossListener {

	/**
	 * Handle the loss.
	 * @param loss the exception that guarded writes of this acquisition now fail with,
	 * naming the reason
	 * @param token the acquisition that was lost
	 */
	void onLost(LockLostException loss, FencingToken token);

}
