package dev.etcdboot.client.internal.cluster;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cluster.ClusterClient;
import dev.etcdboot.client.cluster.Member;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;

/**
 * The {@link ClusterClient} of an {@code EtcdClient}.
 */
public final class DefaultClusterClient implements ClusterClient {

	private final EtcdTransport transport;

	/**
	 * Create the cluster API over a transport.
	 * @param transport the transport
	 */
	public DefaultClusterClient(EtcdTransport transport) {
		this.transport = transport;
	}

	@Override
	public List<Member> members() {
		MemberListResponse response = this.transport.call("cluster/member/list", Map.of(), MemberListResponse.class,
				Idempotence.IDEMPOTENT, null);
		return (response.members() != null) ? response.members().stream().map(ClusterWire.Member::toMember).toList()
				: List.of();
	}

	@Override
	public Member addMember(List<String> peerUrls, boolean learner) {
		if (peerUrls.isEmpty()) {
			throw new IllegalArgumentException("A member needs at least one peer URL");
		}
		MemberAddResponse response = this.transport.call("cluster/member/add",
				new MemberAddRequest(List.copyOf(peerUrls), learner), MemberAddResponse.class,
				Idempotence.NOT_IDEMPOTENT, null);
		return response.member().toMember();
	}

	@Override
	public void removeMember(long memberId) {
		change("cluster/member/remove", new MemberIdRequest(Long.toUnsignedString(memberId)));
	}

	@Override
	public void updateMember(long memberId, List<String> peerUrls) {
		if (peerUrls.isEmpty()) {
			throw new IllegalArgumentException("A member needs at least one peer URL");
		}
		change("cluster/member/update",
				new MemberUpdateRequest(Long.toUnsignedString(memberId), List.copyOf(peerUrls)));
	}

	@Override
	public void promoteMember(long memberId) {
		change("cluster/member/promote", new MemberIdRequest(Long.toUnsignedString(memberId)));
	}

	private void change(String operation, Object request) {
		this.transport.call(operation, request, Map.class, Idempotence.NOT_IDEMPOTENT, null);
	}

	private record MemberAddRequest(@JsonProperty("peerURLs") List<String> peerUrls,
			@JsonProperty("isLearner") boolean learner) {
	}

	private record MemberAddResponse(@JsonProperty("member") ClusterWire.Member member) {
	}

	private record MemberIdRequest(@JsonProperty("ID") String id) {
	}

	private record MemberUpdateRequest(@JsonProperty("ID") String id, @JsonProperty("peerURLs") List<String> peerUrls) {
	}

	private record MemberListResponse(@JsonProperty("members") @Nullable List<ClusterWire.Member> members) {
	}

}
