package dev.etcdboot.client.template.node;

import dev.etcdboot.client.cache.CacheChangeBatch;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * One change seen by a watch of {@link dev.etcdboot.client.template.EtcdTemplate}.
 *
 * @param response the change as etcd v2 reported it: {@link EtcdAction#SET} for a value
 * written, {@link EtcdAction#CREATE} for a directory made, {@link EtcdAction#DELETE} for
 * a removal, with the node and, when known, the previous node; its revision is the
 * change's
 * @param resync whether the change was not seen as it happened but derived after a
 * compaction, by comparing a fresh read with the last known state; its revision is then
 * the revision of that read
 */
public record EtcdChange(EtcdResponse response, boolean resync) {

	/**
	 * Return a watch event as a change of the directory model, as the template's watches
	 * deliver it: a value written is {@link EtcdAction#SET}, a directory marker written
	 * (a key ending in {@code /}, as {@code EtcdTemplate.mkdir} writes it) is a directory
	 * {@link EtcdAction#CREATE}, a removal is {@link EtcdAction#DELETE}. etcd v3 events
	 * do not tell how a key was written (create, update, compare-and-swap) nor whether a
	 * removal was a lease expiring.
	 * @param event the watch event, with keys as the application sees them
	 * @param resync whether the change was found by rereading after a compaction
	 * @return the change
	 */
	public static EtcdChange of(WatchEvent event, boolean resync) {
		return new EtcdChange(NodeEvents.response(event, event.revision()), resync);
	}

	/**
	 * Return a change of a {@link dev.etcdboot.client.cache.KeyRangeCache} as a change of
	 * the directory model, like {@link #of(WatchEvent, boolean)}, at the batch's revision
	 * (for a resync, the revision of the read that found the change).
	 * @param change the change of one key
	 * @param batch the batch the change belongs to, which gives its revision and whether
	 * it was found by a resync
	 * @return the change
	 */
	public static EtcdChange of(WatchEvent change, CacheChangeBatch batch) {
		return new EtcdChange(NodeEvents.response(change, batch.revision()), batch.resync());
	}

}
