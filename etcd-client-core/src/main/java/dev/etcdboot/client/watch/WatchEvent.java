package dev.etcdboot.client.watch;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;

/**
 * One change of one key.
 *
 * @param type whether the key was put or deleted
 * @param kv the key after the change; for a delete, only the key and the revision of the
 * delete
 * @param prevKv the key before the change, when the watch asked for it and etcd still had
 * it
 */
public record WatchEvent(Type type, KeyValue kv, @Nullable KeyValue prevKv) {

	/**
	 * Return the revision of the change.
	 * @return the revision
	 */
	public long revision() {
		return this.kv.modRevision();
	}

	/**
	 * Return the key as UTF-8 text.
	 * @return the key
	 */
	public String key() {
		return this.kv.keyAsString();
	}

	/**
	 * The kind of change.
	 */
	public enum Type {

		/** The key was created or updated. */
		PUT,

		/** The key was deleted. */
		DELETE

	}

}
