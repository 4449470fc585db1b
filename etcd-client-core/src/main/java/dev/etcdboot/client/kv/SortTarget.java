package dev.etcdboot.client.kv;

/**
 * The field a range is sorted by.
 */
public enum SortTarget {

	/** The key. */
	KEY,
	/** The version. */
	VERSION,
	/** The create revision. */
	CREATE,
	/** The modification revision. */
	MOD,
	/** The value. */
	VALUE

}
