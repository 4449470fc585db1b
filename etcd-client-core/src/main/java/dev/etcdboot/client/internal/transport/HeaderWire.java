package dev.etcdboot.client.internal.transport;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

import dev.etcdboot.client.kv.ResponseHeader;

/**
 * The header on the gateway's answers as it sends it, for the wire records bound by
 * Jackson; it becomes the public {@link ResponseHeader}.
 *
 * @param clusterId the cluster id (unsigned 64-bit, sent as a decimal string)
 * @param memberId the id of the member that answered (unsigned 64-bit, sent as a decimal
 * string)
 * @param revision the key-value store revision when the request was served
 * @param raftTerm the raft term when the request was served
 */
public record HeaderWire(
		@JsonProperty("cluster_id") @JsonDeserialize(using = UnsignedLongDeserializer.class) long clusterId,
		@JsonProperty("member_id") @JsonDeserialize(using = UnsignedLongDeserializer.class) long memberId,
		@JsonProperty("revision") long revision, @JsonProperty("raft_term") long raftTerm) {

	/**
	 * Return the public header.
	 * @return the header
	 */
	public ResponseHeader toHeader() {
		return new ResponseHeader(this.clusterId, this.memberId, this.revision, this.raftTerm);
	}

	/**
	 * Return the public header of an answer, {@link ResponseHeader#EMPTY} when it carried
	 * none.
	 * @param header the header as sent, or {@code null}
	 * @return the header
	 */
	public static ResponseHeader toHeader(@Nullable HeaderWire header) {
		return (header != null) ? header.toHeader() : ResponseHeader.EMPTY;
	}

}
