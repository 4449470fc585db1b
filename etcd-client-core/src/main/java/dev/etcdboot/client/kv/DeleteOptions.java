package dev.etcdboot.client.kv;

/**
 * Which keys a delete removes and what it returns.
 *
 * @param range which keys to delete, relative to the key given
 * @param prevKv whether to return the deleted key-values
 */
public record DeleteOptions(KeyRange range, boolean prevKv) {

	/** Delete one key. */
	public static final DeleteOptions DEFAULT = new DeleteOptions(KeyRange.SINGLE_KEY, false);

	/** Delete every key with the given prefix. */
	public static final DeleteOptions PREFIX = new DeleteOptions(KeyRange.PREFIX, false);

	/**
	 * Return options that delete the keys of a range.
	 * @param range the range, relative to the key given
	 * @return the options
	 */
	public static DeleteOptions of(KeyRange range) {
		return new DeleteOptions(range, false);
	}

	/**
	 * Return a copy that also returns the deleted key-values.
	 * @return the copy
	 */
	public DeleteOptions withPrevKv() {
		return new DeleteOptions(this.range, true);
	}

}
