package dev.etcdboot.client.lease;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.ResponseHeader;

/**
 * A granted lease.
 *
 * @param header the response header
 * @param id the lease id
 * @param ttl the time-to-live in seconds that etcd granted
 */
public record LeaseGrant(@JsonProperty("header") ResponseHeader header, @JsonProperty("ID") long id,
		@JsonProperty("TTL") long ttl) {

	/**
	 * Create a grant, reading an absent header as empty.
	 */
	public LeaseGrant(@JsonProperty("header") @Nullable ResponseHeader header, @JsonProperty("ID") long id,
			@JsonProperty("TTL") long ttl) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.id = id;
		this.ttl = ttl;
	}

}
