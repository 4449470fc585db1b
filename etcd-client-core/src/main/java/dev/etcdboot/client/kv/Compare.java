package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A condition of a transaction, on a key or (with a range end) on every key of a range.
 * Start with {@link #value}, {@link #version}, {@link #createRevision},
 * {@link #modRevision} or {@link #lease}.
 *
 * @param target what is compared
 * @param result how it is compared
 * @param key the key
 * @param range which keys the compare covers, relative to the key
 * @param number the number compared with, for every target but the value
 * @param value the bytes compared with, for the value target
 */
public record Compare(Target target, Result result, String key, KeyRange range, long number, byte[] value) {

	/**
	 * Start a compare on the value of a key.
	 * @param key the key
	 * @return the subject, to finish with a comparison
	 */
	public static ValueSubject value(String key) {
		return new ValueSubject(key, KeyRange.SINGLE_KEY);
	}

	/**
	 * Start a compare on the version of a key (0 when the key does not exist).
	 * @param key the key
	 * @return the subject, to finish with a comparison
	 */
	public static NumberSubject version(String key) {
		return new NumberSubject(Target.VERSION, key, KeyRange.SINGLE_KEY);
	}

	/**
	 * Start a compare on the create revision of a key (0 when the key does not exist).
	 * @param key the key
	 * @return the subject, to finish with a comparison
	 */
	public static NumberSubject createRevision(String key) {
		return new NumberSubject(Target.CREATE, key, KeyRange.SINGLE_KEY);
	}

	/**
	 * Start a compare on the modification revision of a key.
	 * @param key the key
	 * @return the subject, to finish with a comparison
	 */
	public static NumberSubject modRevision(String key) {
		return new NumberSubject(Target.MOD, key, KeyRange.SINGLE_KEY);
	}

	/**
	 * Start a compare on the lease of a key.
	 * @param key the key
	 * @return the subject, to finish with a comparison
	 */
	public static NumberSubject lease(String key) {
		return new NumberSubject(Target.LEASE, key, KeyRange.SINGLE_KEY);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Compare that && this.target == that.target && this.result == that.result
				&& this.key.equals(that.key) && this.range.equals(that.range) && this.number == that.number
				&& Arrays.equals(this.value, that.value);
	}

	@Override
	public int hashCode() {
		return java.util.Objects.hash(this.target, this.result, this.key, this.number);
	}

	@Override
	public String toString() {
		return "Compare[" + this.target + " of " + this.key + (this.range.isSingleKey() ? "" : " " + this.range) + " "
				+ this.result + " "
				+ ((this.target == Target.VALUE) ? "(" + this.value.length + " bytes)" : this.number) + "]";
	}

	/** What a compare looks at. */
	public enum Target {

		/** The version. */
		VERSION,
		/** The create revision. */
		CREATE,
		/** The modification revision. */
		MOD,
		/** The value. */
		VALUE,
		/** The lease id. */
		LEASE

	}

	/** How a compare compares. */
	public enum Result {

		/** Equal. */
		EQUAL,
		/** Greater than. */
		GREATER,
		/** Less than. */
		LESS,
		/** Not equal. */
		NOT_EQUAL

	}

	/**
	 * A value compare waiting for its comparison.
	 *
	 * @param key the key
	 * @param range which keys the compare covers, relative to the key
	 */
	public record ValueSubject(String key, KeyRange range) {

		/**
		 * Compare every key starting with the key.
		 * @return the subject over the prefix
		 */
		public ValueSubject overPrefix() {
			return over(KeyRange.PREFIX);
		}

		/**
		 * Compare every key from the key up to an end.
		 * @param end the end, exclusive
		 * @return the subject over the range
		 */
		public ValueSubject overRange(String end) {
			return over(KeyRange.until(end));
		}

		/**
		 * Compare every key of a range.
		 * @param keys the range, relative to the key
		 * @return the subject over the range
		 */
		public ValueSubject over(KeyRange keys) {
			return new ValueSubject(this.key, keys);
		}

		/**
		 * Hold when the value equals these bytes.
		 * @param expected the bytes
		 * @return the compare
		 */
		public Compare equalTo(byte[] expected) {
			return compare(Result.EQUAL, expected);
		}

		/**
		 * Hold when the value equals this UTF-8 text.
		 * @param expected the text
		 * @return the compare
		 */
		public Compare equalTo(String expected) {
			return compare(Result.EQUAL, expected.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * Hold when the value differs from these bytes.
		 * @param unexpected the bytes
		 * @return the compare
		 */
		public Compare notEqualTo(byte[] unexpected) {
			return compare(Result.NOT_EQUAL, unexpected);
		}

		/**
		 * Hold when the value sorts after these bytes.
		 * @param bound the bytes
		 * @return the compare
		 */
		public Compare greaterThan(byte[] bound) {
			return compare(Result.GREATER, bound);
		}

		/**
		 * Hold when the value sorts before these bytes.
		 * @param bound the bytes
		 * @return the compare
		 */
		public Compare lessThan(byte[] bound) {
			return compare(Result.LESS, bound);
		}

		private Compare compare(Result result, byte[] operand) {
			return new Compare(Target.VALUE, result, this.key, this.range, 0, operand.clone());
		}

	}

	/**
	 * A numeric compare waiting for its comparison.
	 *
	 * @param target what is compared
	 * @param key the key
	 * @param range which keys the compare covers, relative to the key
	 */
	public record NumberSubject(Target target, String key, KeyRange range) {

		/**
		 * Compare every key starting with the key.
		 * @return the subject over the prefix
		 */
		public NumberSubject overPrefix() {
			return over(KeyRange.PREFIX);
		}

		/**
		 * Compare every key from the key up to an end.
		 * @param end the end, exclusive
		 * @return the subject over the range
		 */
		public NumberSubject overRange(String end) {
			return over(KeyRange.until(end));
		}

		/**
		 * Compare every key of a range.
		 * @param keys the range, relative to the key
		 * @return the subject over the range
		 */
		public NumberSubject over(KeyRange keys) {
			return new NumberSubject(this.target, this.key, keys);
		}

		/**
		 * Hold when equal.
		 * @param expected the number
		 * @return the compare
		 */
		public Compare equalTo(long expected) {
			return compare(Result.EQUAL, expected);
		}

		/**
		 * Hold when not equal.
		 * @param unexpected the number
		 * @return the compare
		 */
		public Compare notEqualTo(long unexpected) {
			return compare(Result.NOT_EQUAL, unexpected);
		}

		/**
		 * Hold when greater.
		 * @param bound the number
		 * @return the compare
		 */
		public Compare greaterThan(long bound) {
			return compare(Result.GREATER, bound);
		}

		/**
		 * Hold when less.
		 * @param bound the number
		 * @return the compare
		 */
		public Compare lessThan(long bound) {
			return compare(Result.LESS, bound);
		}

		private Compare compare(Result result, long operand) {
			return new Compare(this.target, result, this.key, this.range, operand, new byte[0]);
		}

	}

}
