package dev.etcdboot.client.kv;

import org.jspecify.annotations.Nullable;

/**
 * Which keys a delete removes and what it returns.
 *
 * @param rangeEnd the end of the range, exclusive; {@code null} for the single key
 * @param prefix whether to delete every key starting with the key
 * @param fromKey whether to delete every key greater than or equal to the key
 * @param prevKv whether to return the deleted key-values
 */
public record DeleteOptions(@Nullable String rangeEnd, boolean prefix, boolean fromKey, boolean prevKv) {

	/** Delete one key. */
	public static final DeleteOptions DEFAULT = new DeleteOptions(null, false, false, false);

	/** Delete every key with the given prefix. */
	public static final DeleteOptions PREFIX = new DeleteOptions(null, true, false, false);

	/**
	 * Create options, checking that they are consistent.
	 */
	public DeleteOptions {
		if ((rangeEnd != null ? 1 : 0) + (prefix ? 1 : 0) + (fromKey ? 1 : 0) > 1) {
			throw new IllegalArgumentException("Choose at most one of rangeEnd, prefix and fromKey");
		}
	}

	/**
	 * Return a copy that also returns the deleted key-values.
	 * @return the copy
	 */
	public DeleteOptions withPrevKv() {
		return new DeleteOptions(this.rangeEnd, this.prefix, this.fromKey, true);
	}

}
