package dev.etcdboot.client.internal.cluster;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.etcdboot.client.internal.transport.UnsignedLongDeserializer;

/**
 * The cluster service's records as the gateway sends them, each with the result it
 * becomes.
 */
public final class ClusterWire {

	private ClusterWire() {
	}

	/**
	 * A member, as the gateway describes it.
	 *
	 * @param id the member id (unsigned 64-bit, sent as a decimal string)
	 * @param name the member name, absent while a new member has not started
	 * @param peerUrls the peer URLs
	 * @param clientUrls the client URLs
	 * @param learner whether the member is a learner
	 */
	public record Member(@JsonProperty("ID") @JsonDeserialize(using = UnsignedLongDeserializer.class) long id,
			@JsonProperty("name") @Nullable String name, @JsonProperty("peerURLs") @Nullable List<String> peerUrls,
			@JsonProperty("clientURLs") @Nullable List<String> clientUrls, @JsonProperty("isLearner") boolean learner) {

		/**
		 * Return the member.
		 * @return the member
		 */
		public dev.etcdboot.client.cluster.Member toMember() {
			return new dev.etcdboot.client.cluster.Member(this.id, this.name, this.peerUrls, this.clientUrls,
					this.learner);
		}

	}

}
