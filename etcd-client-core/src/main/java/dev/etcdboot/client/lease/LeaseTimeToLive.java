package dev.etcdboot.client.lease;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.ResponseHeader;

/**
 * What etcd knows of a lease.
 *
 * @param header the response header
 * @param id the lease id
 * @param ttl the remaining time-to-live in seconds; -1 when the lease has expired or does
 * not exist
 * @param grantedTtl the time-to-live granted initially, in seconds
 * @param keys the keys attached to the lease, when asked for
 */
public record LeaseTimeToLive(ResponseHeader header, long id, long ttl, long grantedTtl, List<byte[]> keys) {

	/**
	 * Create the answer, reading absent parts as empty.
	 */
	public LeaseTimeToLive(@Nullable ResponseHeader header, long id, long ttl, long grantedTtl,
			@Nullable List<byte[]> keys) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.id = id;
		this.ttl = ttl;
		this.grantedTtl = grantedTtl;
		this.keys = (keys != null) ? List.copyOf(keys) : List.of();
	}

	/**
	 * Return the attached keys as UTF-8 text.
	 * @return the keys
	 */
	public List<String> keysAsStrings() {
		return this.keys.stream().map((key) -> new String(key, StandardCharsets.UTF_8)).toList();
	}

}
