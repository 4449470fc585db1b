package dev.etcdboot.client.template;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.lease.LeaseClient;
import dev.etcdboot.client.lease.LeaseTimeToLive;
import dev.etcdboot.client.template.node.EtcdNode;

/**
 * Builds {@link EtcdNode}s from key-values read at one revision: values, and directory
 * trees with their implicit intermediate directories and the empty directories of marker
 * keys. Where a path is both a value and a directory (only possible for keys written
 * outside the template) the directory wins. Keys below a directory that are not valid
 * paths (such as {@code /a//b}) are left out from their first invalid segment on, so that
 * the directories they imply ({@code /a}) still show. The time-to-live of a value with a
 * lease is looked up, one request per distinct lease.
 */
final class NodeTree {

	private final LeaseClient leases;

	NodeTree(LeaseClient leases) {
		this.leases = leases;
	}

	/**
	 * Return the node of a value, looking up its time-to-live when it has a lease.
	 * @param kv the value's key-value
	 * @return the node
	 */
	EtcdNode value(KeyValue kv) {
		return value(kv, timesToLive(Set.of(kv.lease())));
	}

	/**
	 * Return the node of a directory.
	 * @param path the directory's path
	 * @param kvs every key-value of the directory, its marker included, as one range read
	 * returned them
	 * @param recursive whether to return the whole tree, or the children only, with
	 * directories empty
	 * @return the node
	 */
	EtcdNode directory(EtcdPath path, List<KeyValue> kvs, boolean recursive) {
		Directory root = new Directory(path.value());
		PathKeys keys = new PathKeys(path);
		for (KeyValue kv : kvs) {
			String relative = keys.relative(kv.keyAsString());
			if (relative != null) {
				root.add(relative, kv);
			}
		}
		Set<Long> leaseIds = new HashSet<>();
		root.collectLeases(recursive, leaseIds);
		return root.toNode(recursive, timesToLive(leaseIds));
	}

	/**
	 * Return the node of a value that was just written, without a lease.
	 * @param key the path
	 * @param value the value
	 * @param createdIndex the create revision
	 * @param modifiedIndex the modification revision
	 * @return the node
	 */
	static EtcdNode written(String key, @Nullable String value, long createdIndex, long modifiedIndex) {
		return new EtcdNode(key, value, false, List.of(), createdIndex, modifiedIndex, 0, null);
	}

	/**
	 * Return the node of a value as it was read, without looking up its lease.
	 * @param kv the key-value
	 * @return the node
	 */
	static EtcdNode previous(KeyValue kv) {
		return written(kv.keyAsString(), kv.valueAsString(), kv.createRevision(), kv.modRevision());
	}

	/**
	 * Return the node of a directory without its children.
	 * @param key the path
	 * @param marker the directory's marker key, or {@code null} when it has none
	 * @param modifiedIndex the modification revision, or 0 for the marker's
	 * @return the node
	 */
	static EtcdNode emptyDirectory(String key, @Nullable KeyValue marker, long modifiedIndex) {
		long created = (marker != null) ? marker.createRevision() : 0;
		long modified = (modifiedIndex != 0) ? modifiedIndex : ((marker != null) ? marker.modRevision() : 0);
		return new EtcdNode(key, null, true, List.of(), created, modified, 0, null);
	}

	private static EtcdNode value(KeyValue kv, Map<Long, TimeToLive> ttls) {
		TimeToLive ttl = ttls.get(kv.lease());
		return new EtcdNode(kv.keyAsString(), kv.valueAsString(), false, List.of(), kv.createRevision(),
				kv.modRevision(), (ttl != null) ? ttl.seconds() : 0, (ttl != null) ? ttl.expiration() : null);
	}

	private Map<Long, TimeToLive> timesToLive(Set<Long> leaseIds) {
		Map<Long, TimeToLive> ttls = new HashMap<>();
		for (long id : leaseIds) {
			if (id != 0) {
				LeaseTimeToLive answer = this.leases.timeToLive(id, false);
				long seconds = Math.max(answer.ttl(), 0);
				ttls.put(id, new TimeToLive(seconds, Instant.now().plusSeconds(seconds)));
			}
		}
		return ttls;
	}

	private record TimeToLive(long seconds, Instant expiration) {
	}

	/**
	 * A directory while its tree is being built.
	 */
	private static final class Directory {

		private final String key;

		private @Nullable KeyValue marker;

		private final Map<String, Directory> directories = new HashMap<>();

		private final Map<String, KeyValue> values = new HashMap<>();

		Directory(String key) {
			this.key = key;
		}

		/**
		 * Add a key-value below this directory.
		 * @param relative its key after this directory's marker
		 * @param kv the key-value
		 */
		void add(String relative, KeyValue kv) {
			if (relative.isEmpty()) {
				this.marker = kv;
				return;
			}
			boolean isMarker = relative.endsWith("/");
			String[] segments = (isMarker ? relative.substring(0, relative.length() - 1) : relative).split("/", -1);
			Directory parent = this;
			for (int i = 0; i < segments.length - 1; i++) {
				if (!valid(segments[i])) {
					return;
				}
				parent = parent.directory(segments[i]);
			}
			String name = segments[segments.length - 1];
			if (!valid(name)) {
				return;
			}
			if (isMarker) {
				parent.directory(name).marker = kv;
			}
			else {
				parent.values.put(name, kv);
			}
		}

		private static boolean valid(String segment) {
			return !segment.isEmpty() && !segment.equals(".") && !segment.equals("..");
		}

		private Directory directory(String name) {
			return this.directories.computeIfAbsent(name, (child) -> new Directory(childKey(child)));
		}

		private String childKey(String name) {
			return (this.key.equals("/") ? "/" : this.key + "/") + name;
		}

		void collectLeases(boolean recursive, Set<Long> leaseIds) {
			this.values.forEach((name, kv) -> {
				if (!this.directories.containsKey(name)) {
					leaseIds.add(kv.lease());
				}
			});
			if (recursive) {
				this.directories.values().forEach((child) -> child.collectLeases(true, leaseIds));
			}
		}

		EtcdNode toNode(boolean recursive, Map<Long, TimeToLive> ttls) {
			List<EtcdNode> nodes = new ArrayList<>();
			this.directories.values()
				.forEach((child) -> nodes.add(recursive ? child.toNode(true, ttls) : child.toEmptyNode()));
			this.values.forEach((name, kv) -> {
				if (!this.directories.containsKey(name)) {
					nodes.add(value(kv, ttls));
				}
			});
			KeyValue marker = this.marker;
			return new EtcdNode(this.key, null, true, nodes, (marker != null) ? marker.createRevision() : 0,
					(marker != null) ? marker.modRevision() : 0, 0, null);
		}

		private EtcdNode toEmptyNode() {
			return emptyDirectory(this.key, this.marker, 0);
		}

	}

}
