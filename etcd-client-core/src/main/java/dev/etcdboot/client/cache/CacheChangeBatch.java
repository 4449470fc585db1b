package dev.etcdboot.client.cache;

import java.util.List;

import dev.etcdboot.client.watch.WatchEvent;

/**
 * The changes of a {@link KeyRangeCache} at one etcd revision, in the order etcd applied
 * them, as the watch API's events. Each event's {@link WatchEvent#prevKv() prevKv} is the
 * entry the copy held before the change ({@code null} when it held none), whatever the
 * watch asked etcd for. In a resync batch, a put carries the key as read and a delete
 * carries only the key, with the batch's revision as its revision.
 *
 * @param revision the etcd revision of the changes
 * @param changes the changes; at least one, except in a resync batch that found nothing
 * changed
 * @param resync whether the batch is the difference found by re-reading the range after
 * its history was compacted away, rather than the changes of one revision
 */
public record CacheChangeBatch(long revision, List<WatchEvent> changes, boolean resync) {

	/**
	 * Create a batch, copying the changes.
	 */
	public CacheChangeBatch {
		changes = List.copyOf(changes);
	}

}
