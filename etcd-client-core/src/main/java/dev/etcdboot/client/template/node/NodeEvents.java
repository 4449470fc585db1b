package dev.etcdboot.client.template.node;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.watch.WatchEvent;

/**
 * Turns watch events into changes of the directory model, see
 * {@link EtcdChange#of(WatchEvent, boolean)}.
 */
final class NodeEvents {

	private NodeEvents() {
	}

	static EtcdResponse response(WatchEvent event, long revision) {
		KeyValue kv = event.kv();
		KeyValue previous = event.prevKv();
		EtcdNode prevNode = (previous != null) ? node(previous) : null;
		if (event.type() == WatchEvent.Type.DELETE) {
			return deleted(kv.keyAsString(), previous, revision, prevNode);
		}
		EtcdNode node = node(kv);
		return new EtcdResponse(node.dir() ? EtcdAction.CREATE : EtcdAction.SET, node, prevNode, revision);
	}

	private static EtcdResponse deleted(String key, @Nullable KeyValue previous, long revision,
			@Nullable EtcdNode prevNode) {
		boolean dir = isMarker(key);
		EtcdNode node = new EtcdNode(path(key), null, dir, List.of(),
				(previous != null) ? previous.createRevision() : 0, revision, 0, null);
		return new EtcdResponse(EtcdAction.DELETE, node, prevNode, revision);
	}

	private static EtcdNode node(KeyValue kv) {
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
