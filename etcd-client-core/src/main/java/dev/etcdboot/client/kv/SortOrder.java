package dev.etcdboot.client.kv;

/**
 * The order of a range's results.
 */
public enum SortOrder {

	/** etcd's default order: by key, ascending. */
	NONE,
	/** Ascending by the sort target. */
	ASCEND,
	/** Descending by the sort target. */
	DESCEND

}
