package dev.etcdboot.client.cache;

import java.util.List;

/**
 * The changes of a {@link KeyRangeCache} at one etcd revision, in the order etcd applied
 * them.
 *
 * @param revision the etcd revision of the changes
 * @param changes the changes; at least one, except in a resync batch that found nothing
 * changed
 * @param resync whether the batch is the difference found by re-reading the range after
 * its history was compacted away, rather than the changes of one revision
 */
public record CacheChangeBatch(long revision, List<CacheChange> changes, boolean resync) {

	/**
	 * Create a batch, copying the changes.
	 */
	public CacheChangeBatch {
		changes = List.copyOf(changes);
	}

}
