package dev.etcdboot.client.internal.cluster;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cluster.Member;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;

/**
 * etcd's cluster service: list, add, remove, update and promote members. Listing members is a read, retried
 * on another member; the changes are writes, retried only when they did not reach etcd.
 */
public final class DefaultClusterClient {

	private final EtcdTransport transport;

	/**
	 * Create the cluster API over a transport.
	 * @param transport the transport
	 */
	public DefaultClusterClient(EtcdTransport transport) {
		this.transport = transport;
	}

	/**
	 * List the members of the cluster.
	 * @return the members
	 */
	public List<Member> members() {
		MemberListResponse response = this.transport.call("cluster/member/list", Map.of(),
				MemberListResponse.class, Idempotence.IDEMPOTENT, null);
		return (response.members() != null) ? List.copyOf(response.members()) : List.of();
	}

	/**
	 * Add a member to the cluster. Start the new member afterwards with {@code --initial-cluster-state
	 * existing} and the cluster's members. A learner receives the log without voting, so adding it never
	 * risks the quorum; {@link #promoteMember(long) promote} it once it caught up.
	 * @param peerUrls the URLs the new member will talk to its peers on
	 * @param learner whether to add it as a non-voting learner
	 * @return the added member, with its id (its name and client URLs stay empty until it starts)
	 */
	public Member addMember(List<String> peerUrls, boolean learner) {
		if (peerUrls.isEmpty()) {
			throw new IllegalArgumentException("A member needs at least one peer URL");
		}
		MemberAddResponse response = this.transport.call("cluster/member/add",
				new MemberAddRequest(List.copyOf(peerUrls), learner), MemberAddResponse.class,
				Idempotence.NOT_IDEMPOTENT, null);
		return response.member();
	}

	/**
	 * Remove a member from the cluster.
	 * @param memberId the member's id (unsigned 64-bit, as {@link Member#id()})
	 */
	public void removeMember(long memberId) {
		change("cluster/member/remove", new MemberIdRequest(Long.toUnsignedString(memberId)));
	}

	/**
	 * Change the peer URLs of a member.
	 * @param memberId the member's id
	 * @param peerUrls its new peer URLs
	 */
	public void updateMember(long memberId, List<String> peerUrls) {
		if (peerUrls.isEmpty()) {
			throw new IllegalArgumentException("A member needs at least one peer URL");
		}
		change("cluster/member/update",
				new MemberUpdateRequest(Long.toUnsignedString(memberId), List.copyOf(peerUrls)));
	}

	/**
	 * Promote a learner to a voting member. etcd refuses while the learner's log is behind the leader's.
	 * @param memberId the learner's id
	 */
	public void promoteMember(long memberId) {
		change("cluster/member/promote", new MemberIdRequest(Long.toUnsignedString(memberId)));
	}

	private void change(String operation, Object request) {
		this.transport.call(operation, request, Map.class, Idempotence.NOT_IDEMPOTENT, null);
	}

	private record MemberAddRequest(@JsonProperty("peerURLs") List<String> peerUrls,
			@JsonProperty("isLearner") boolean learner) {
	}

	private record MemberAddResponse(@JsonProperty("member") Member member) {
	}

	private record MemberIdRequest(@JsonProperty("ID") String id) {
	}

	private record MemberUpdateRequest(@JsonProperty("ID") String id, @JsonProperty("peerURLs") List<String> peerUrls) {
	}

	private record MemberListResponse(@JsonProperty("members") @Nullable List<Member> members) {
	}

}
