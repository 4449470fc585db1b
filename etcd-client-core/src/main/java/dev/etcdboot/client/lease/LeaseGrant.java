package dev.etcdboot.client.lease;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.ResponseHeader;

/**
 * A granted lease.
 *
 * @param header the response header
 * @param id the lease id
 * @param ttl the time-to-live in seconds that etcd granted
 */
public record LeaseGrant(ResponseHeader header, long id, long ttl) {

	/**
	 * Create a grant, reading an absent header as empty.
	 */
	public LeaseGrant(@Nullable ResponseHeader header, long id, long ttl) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.id = id;
		this.ttl = ttl;
	}

}
