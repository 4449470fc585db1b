package dev.etcdboot.client.cluster;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A member of the etcd cluster.
 *
 * @param id the member id (unsigned 64-bit; see {@link #idAsString()})
 * @param name the member name, empty while a newly added member has not started
 * @param peerUrls the URLs the member talks to its peers on
 * @param clientUrls the URLs clients reach the member on
 * @param learner whether the member is a non-voting learner
 */
public record Member(long id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {

	/**
	 * Create a member, reading absent parts as empty.
	 */
	public Member(long id, @Nullable String name, @Nullable List<String> peerUrls, @Nullable List<String> clientUrls,
			boolean learner) {
		this.id = id;
		this.name = (name != null) ? name : "";
		this.peerUrls = (peerUrls != null) ? List.copyOf(peerUrls) : List.of();
		this.clientUrls = (clientUrls != null) ? List.copyOf(clientUrls) : List.of();
		this.learner = learner;
	}

	/**
	 * Return the id as etcd prints it: unsigned, in hexadecimal.
	 * @return the id, such as {@code 8e9e05c52164694d}
	 */
	public String idAsString() {
		return Long.toHexString(this.id);
	}

}
