package dev.etcdboot.client.kv;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * Which keys a read, delete, watch or compare covers, relative to the key it is given:
 * that key alone ({@link #SINGLE_KEY}), every key starting with it ({@link #PREFIX}),
 * every key from it on ({@link #FROM_KEY}), or every key from it up to an end, exclusive
 * ({@link #until}). The one place of etcd's range rules: a prefix's range ends at
 * {@link #prefixEnd the prefix's successor}, a range end of {@code "\0"} means "to the
 * end of the key space"; with the client's namespace every range stays inside it.
 *
 * @param kind how the keys are selected
 * @param end the end of the range, exclusive, for {@link Kind#UNTIL}; {@code null}
 * otherwise
 */
public record KeyRange(Kind kind, @Nullable String end) {

	/** The key alone. */
	public static final KeyRange SINGLE_KEY = new KeyRange(Kind.SINGLE_KEY, null);

	/** Every key starting with the key. */
	public static final KeyRange PREFIX = new KeyRange(Kind.PREFIX, null);

	/** Every key greater than or equal to the key. */
	public static final KeyRange FROM_KEY = new KeyRange(Kind.FROM_KEY, null);

	private static final String END_OF_KEY_SPACE = "\0";

	private static final byte[] ZERO = { 0 };

	/**
	 * Create a range, checking that the end is given exactly for {@link Kind#UNTIL} and
	 * is not empty.
	 */
	public KeyRange {
		if ((kind == Kind.UNTIL) != (end != null)) {
			throw new IllegalArgumentException((kind == Kind.UNTIL) ? "A range UNTIL an end needs the end"
					: "A " + kind + " range takes no end, was '" + end + "'");
		}
		if (end != null && end.isEmpty()) {
			throw new IllegalArgumentException("The range end must not be empty (etcd reads an empty end as "
					+ "'the key alone'); use KeyRange.SINGLE_KEY for that");
		}
	}

	/**
	 * Return the range from the key up to an end, exclusive; {@code "\0"} (the end of the
	 * key space) is {@link #FROM_KEY}.
	 * @param end the end, which must sort after the key the range is used with
	 * @return the range
	 */
	public static KeyRange until(String end) {
		return END_OF_KEY_SPACE.equals(end) ? FROM_KEY : new KeyRange(Kind.UNTIL, end);
	}

	/**
	 * Return the range an options builder selects after another selection: the selections
	 * of {@code rangeEnd(end)}, {@code prefix()}, {@code fromKey()} and
	 * {@code range(range)} exclude each other.
	 * @param chosen the range chosen before, or {@code null} for none
	 * @param next the range chosen now
	 * @return the range to keep
	 * @throws IllegalArgumentException when another range was chosen before
	 */
	public static KeyRange choose(@Nullable KeyRange chosen, KeyRange next) {
		if (chosen != null && !chosen.equals(next)) {
			throw new IllegalArgumentException(
					"Choose at most one of rangeEnd, prefix and fromKey: chose " + chosen + ", then " + next);
		}
		return next;
	}

	/**
	 * Return whether the range is the key alone.
	 * @return {@code true} for {@link #SINGLE_KEY}
	 */
	public boolean isSingleKey() {
		return this.kind == Kind.SINGLE_KEY;
	}

	/**
	 * Return the first key after every key with the given prefix: the prefix with its
	 * last byte below 0xff incremented and what follows dropped; {@code \0} (the end of
	 * the key space) when every byte is 0xff or the prefix is empty.
	 * @param prefix the prefix
	 * @return the range end
	 */
	public static byte[] prefixEnd(byte[] prefix) {
		for (int i = prefix.length - 1; i >= 0; i--) {
			if (prefix[i] != (byte) 0xff) {
				byte[] end = Arrays.copyOf(prefix, i + 1);
				end[i]++;
				return end;
			}
		}
		return ZERO.clone();
	}

	@Override
	public String toString() {
		return (this.kind == Kind.UNTIL) ? "KeyRange[until '" + this.end + "']" : "KeyRange[" + this.kind + "]";
	}

	/** How a range selects keys. */
	public enum Kind {

		/** The key alone. */
		SINGLE_KEY,
		/** Every key starting with the key. */
		PREFIX,
		/** Every key greater than or equal to the key. */
		FROM_KEY,
		/** Every key from the key up to an end, exclusive. */
		UNTIL

	}

}
