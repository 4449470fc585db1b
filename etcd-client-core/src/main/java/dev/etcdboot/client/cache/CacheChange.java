package dev.etcdboot.client.cache;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyValue;

/**
 * One change of one key of a {@link KeyRangeCache}.
 *
 * @param type whether the key was put or deleted
 * @param key the key, as UTF-8 text
 * @param current the entry after the change, {@code null} for a delete
 * @param previous the entry before the change, {@code null} when the copy did not hold
 * the key
 */
public record CacheChange(Type type, String key, @Nullable KeyValue current, @Nullable KeyValue previous) {

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
