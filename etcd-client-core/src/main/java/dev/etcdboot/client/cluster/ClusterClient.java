package dev.etcdboot.client.cluster;

import java.util.List;

/**
 * etcd's cluster service: list, add, remove, update and promote members. Listing members
 * is a read, retried on another member; the changes are writes, retried only when they
 * did not reach etcd.
 */
public interface ClusterClient {

	/**
	 * List the members of the cluster.
	 * @return the members
	 */
	List<Member> members();

	/**
	 * Add a member to the cluster. Start the new member afterwards with
	 * {@code --initial-cluster-state
	 * existing} and the cluster's members. A learner receives the log without voting, so
	 * adding it never risks the quorum; {@link #promoteMember(long) promote} it once it
	 * caught up.
	 * @param peerUrls the URLs the new member will talk to its peers on
	 * @param learner whether to add it as a non-voting learner
	 * @return the added member, with its id (its name and client URLs stay empty until it
	 * starts)
	 */
	Member addMember(List<String> peerUrls, boolean learner);

	/**
	 * Remove a member from the cluster.
	 * @param memberId the member's id (unsigned 64-bit, as {@link Member#id()})
	 */
	void removeMember(long memberId);

	/**
	 * Change the peer URLs of a member.
	 * @param memberId the member's id
	 * @param peerUrls its new peer URLs
	 */
	void updateMember(long memberId, List<String> peerUrls);

	/**
	 * Promote a learner to a voting member. etcd refuses while the learner's log is
	 * behind the leader's.
	 * @param memberId the learner's id
	 */
	void promoteMember(long memberId);

}
