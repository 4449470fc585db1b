package dev.etcdboot.client.cluster;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.transport.EtcdTransport;
import dev.etcdboot.client.transport.Idempotence;

/**
 * etcd's cluster service. Listing members is a read, retried on another member.
 */
public final class ClusterClient {

	private final EtcdTransport transport;

	/**
	 * Create the cluster API over a transport.
	 * @param transport the transport
	 */
	public ClusterClient(EtcdTransport transport) {
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

	private record MemberListResponse(@JsonProperty("members") @Nullable List<Member> members) {
	}

}
