package dev.etcdboot.client.template.node;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A value or a directory of the directory model, as etcd v2 reported it.
 * <p>
 * Indexes are etcd revisions. A value's {@code createdIndex} and {@code modifiedIndex}
 * are its key's create and modification revisions; a directory's are those of its marker
 * key (made by {@code mkdir}), 0 for a directory that exists only because keys start with
 * its path.
 *
 * @param key the path
 * @param value the value as UTF-8 text, {@code null} for a directory and for a removed
 * node
 * @param dir whether the node is a directory
 * @param nodes the children of a directory that were read, sorted by key; empty for a
 * value
 * @param createdIndex the revision that created the node, 0 when unknown
 * @param modifiedIndex the revision that last modified the node, 0 when unknown
 * @param ttl the seconds left before the node's lease expires; 0 when it has no lease or
 * it was not looked up
 * @param expiration when the node's lease expires, {@code null} when it has none or it
 * was not looked up
 */
public record EtcdNode(String key, @Nullable String value, boolean dir, List<EtcdNode> nodes, long createdIndex,
		long modifiedIndex, long ttl, @Nullable Instant expiration) {

	/**
	 * Create a node, sorting its children by key.
	 */
	public EtcdNode {
		nodes = nodes.stream().sorted(Comparator.comparing(EtcdNode::key)).toList();
	}

	/**
	 * Describe the node without its value, which may be confidential.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "EtcdNode[key=" + this.key + ", "
				+ (this.dir ? "dir, nodes=" + this.nodes
						: "value=" + ((this.value != null) ? "(" + this.value.length() + " chars)" : "null"))
				+ ", createdIndex=" + this.createdIndex + ", modifiedIndex=" + this.modifiedIndex + ", ttl=" + this.ttl
				+ "]";
	}

}
