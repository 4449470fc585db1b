package dev.etcdboot.client.cache;

import java.util.List;

import dev.etcdboot.client.kv.KeyValue;

/**
 * One consistent view of a {@link KeyRangeCache}: its entries as of one etcd revision.
 *
 * @param revision the etcd revision the entries reflect
 * @param entries every entry of the range, in key order
 */
public record CacheSnapshot(long revision, List<KeyValue> entries) {

	/**
	 * Create a snapshot, copying the entries.
	 */
	public CacheSnapshot {
		entries = List.copyOf(entries);
	}

}
