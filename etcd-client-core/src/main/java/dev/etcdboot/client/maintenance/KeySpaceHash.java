package dev.etcdboot.client.maintenance;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.ResponseHeader;

/**
 * The hash of a member's key space, as etcd's maintenance service computes it.
 *
 * @param header the response header; its {@code memberId} and {@code revision} say whose
 * and at which revision
 * @param hash the hash (an unsigned 32-bit value)
 */
public record KeySpaceHash(ResponseHeader header, long hash) {

	/**
	 * Create a hash, reading an absent header as empty.
	 */
	public KeySpaceHash(@Nullable ResponseHeader header, long hash) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.hash = hash;
	}

}
