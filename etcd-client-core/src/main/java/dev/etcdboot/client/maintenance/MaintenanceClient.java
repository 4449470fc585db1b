package dev.etcdboot.client.maintenance;

import java.io.OutputStream;
import java.util.List;

import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.transport.Endpoint;

/**
 * etcd's maintenance service: member status, alarms, and what an operator needs when etcd
 * is unhealthy (defragment, disarm an alarm, snapshot, key space hash, move the leader).
 * Status and alarms are reads, retried on another member; calls about one member go to
 * that member only.
 */
public interface MaintenanceClient {

	/**
	 * Return the status of whichever member answers.
	 * @return the status
	 */
	MemberStatus status();

	/**
	 * Return the status of one member, without trying any other.
	 * @param endpoint the member's endpoint
	 * @return the status
	 */
	MemberStatus status(Endpoint endpoint);

	/**
	 * Return the alarms raised in the cluster.
	 * @return the alarms, empty when none
	 */
	List<Alarm> alarms();

	/**
	 * Deactivate an alarm, such as {@code NOSPACE} once space was freed (compact, then
	 * {@link #defragment(Endpoint) defragment} every member). etcd accepts writes again
	 * once no alarm is left. Deactivating an alarm that is not raised does nothing.
	 * @param alarm the alarm, as {@link #alarms()} returned it
	 * @return the alarms deactivated, empty when it was not raised
	 */
	List<Alarm> disarm(Alarm alarm);

	/**
	 * Defragment one member's backend database, giving the space that compaction freed
	 * back to the file system. The member blocks reads and writes while it runs:
	 * defragment one member at a time.
	 * @param endpoint the member's endpoint
	 */
	void defragment(Endpoint endpoint);

	/**
	 * Stream a snapshot of the backend database of whichever member answers into an
	 * output stream, in the format {@code etcdctl snapshot restore} reads. Not retried: a
	 * failure leaves a partial snapshot behind.
	 * @param out where to write the snapshot; not closed
	 * @return the number of bytes written
	 * @throws EtcdException when the member could not be reached or ended the stream with
	 * an error
	 */
	long snapshot(OutputStream out);

	/**
	 * Stream a snapshot of one member's backend database into an output stream; see
	 * {@link #snapshot(OutputStream)}.
	 * @param endpoint the member's endpoint
	 * @param out where to write the snapshot; not closed
	 * @return the number of bytes written
	 */
	long snapshot(Endpoint endpoint, OutputStream out);

	/**
	 * Return the hash of one member's key space at its current revision. Members that
	 * applied the same revisions have the same hash: a different one points at a
	 * corrupted member. (etcd's gateway routes both {@code Hash} and {@code HashKV} to
	 * one path and answers with {@code Hash}, the hash of the whole backend key space.)
	 * @param endpoint the member's endpoint
	 * @return the hash and the revision it was taken at
	 */
	KeySpaceHash hash(Endpoint endpoint);

	/**
	 * Hand leadership to another voting member, as before taking the leader down for
	 * maintenance. The request goes to the current leader, found by asking each endpoint
	 * for its status.
	 * @param targetMemberId the member to become the leader (unsigned 64-bit, as
	 * {@code Member.id()})
	 * @throws EtcdException when no endpoint is the leader or etcd refuses the target (a
	 * learner, an unknown member)
	 */
	void moveLeader(long targetMemberId);

}
