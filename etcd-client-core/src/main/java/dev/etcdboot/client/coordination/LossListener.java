package dev.etcdboot.client.coordination;

/**
 * Hears that a held lock or leadership was lost without being released: its lease could not be kept alive
 * or its key was deleted. Called once per lost acquisition, on a thread of the client, at the latest when
 * the local deadline passed, which is before etcd can expire the lease.
 */
@FunctionalInterface
public interface LossListener {

	/**
	 * Handle the loss.
	 * @param loss the exception that guarded writes of this acquisition now fail with, naming the reason
	 * @param token the acquisition that was lost
	 */
	void onLost(LockLostException loss, FencingToken token);

}
