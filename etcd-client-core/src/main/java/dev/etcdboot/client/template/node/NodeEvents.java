package dev.etcdboot.client.template;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.cache.CacheChange;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.template.node.EtcdAction;
import dev.etcdboot.client.template.node.EtcdChange;
import dev.etcdboot.client.template.node.EtcdNode;
import dev.etcdboot.client.template.node.EtcdResponse;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * Turns watch events into changes of the directory model (etcd v2's view): a value
 * written is {@link EtcdAction#SET}, a directory marker written (a key ending in
 * {@code /}, as {@link EtcdTemplate#mkdir} writes it) is a directory
 * {@link EtcdAction#CREATE}, a removal is {@link EtcdAction#DELETE}. etcd v3 events do
 * not tell how a key was written (create, update, compare-and-swap) nor whether a removal
 * was a lease expiring.
 */
public final class NodeEvents {

	private NodeEvents() {
	}

	/**
	 * Return a watch event as a change of the directory model, as {@link EtcdTemplate}'s
	 * watches deliver it.
	 * @param event the watch event, with keys as the application sees them
	 * @param resync whether the change was found by rereading after a compaction
	 * @return the change: action, node and previous node
	 */
	public static EtcdChange change(WatchEvent event, boolean resync) {
		return new EtcdChange(response(event), resync);
	}

	/**
	 * Return whether a key is a directory marker of the directory model: longer than
	 * {@code /} and ending in {@code /}.
	 * @param key the key
	 * @return {@code true} for a directory marker
	 */
	public static boolean isDirectoryMarker(String key) {
		return isMarker(key);
	}

	static EtcdResponse response(WatchEvent event) {
		KeyValue kv = event.kv();
		KeyValue previous = event.prevKv();
		EtcdNode prevNode = (previous != null) ? node(previous) : null;
		if (event.type() == WatchEvent.Type.DELETE) {
			return deleted(kv.keyAsString(), previous, kv.modRevision(), prevNode);
		}
		EtcdNode node = node(kv);
		return new EtcdResponse(node.dir() ? EtcdAction.CREATE : EtcdAction.SET, node, prevNode, event.revision());
	}

	static EtcdResponse response(CacheChange change, long revision) {
		KeyValue previous = change.previous();
		EtcdNode prevNode = (previous != null) ? node(previous) : null;
		KeyValue current = change.current();
		if (current == null) {
			return deleted(change.key(), previous, revision, prevNode);
		}
		EtcdNode node = node(current);
		return new EtcdResponse(node.dir() ? EtcdAction.CREATE : EtcdAction.SET, node, prevNode, revision);
	}

	static EtcdResponse deleted(String key, @Nullable KeyValue previous, long revision, @Nullable EtcdNode prevNode) {
		boolean dir = isMarker(key);
		EtcdNode node = new EtcdNode(path(key), null, dir, List.of(),
				(previous != null) ? previous.createRevision() : 0, revision, 0, null);
		return new EtcdResponse(EtcdAction.DELETE, node, prevNode, revision);
	}

	static EtcdNode node(KeyValue kv) {
		String key = kv.keyAsString();
		boolean dir = isMarker(key);
		return new EtcdNode(path(key), dir ? null : kv.valueAsString(), dir, List.of(), kv.createRevision(),
				kv.modRevision(), 0, null);
	}

	private static boolean isMarker(String key) {
		return key.length() > 1 && key.endsWith("/");
	}

	private static String path(String key) {
		return isMarker(key) ? key.substring(0, key.length() - 1) : key;
	}

}
