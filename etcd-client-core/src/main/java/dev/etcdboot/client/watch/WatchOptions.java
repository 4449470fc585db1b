package dev.etcdboot.client.watch;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.KeyRange;

/**
 * What a watch covers and how it delivers. Built with {@link #builder()};
 * {@link #DEFAULT} watches one key from now on.
 *
 * @param range which keys to watch, relative to the key watched
 * @param startRevision the first revision to deliver, 0 for changes after the watch is
 * created
 * @param prevKv whether events carry the key's previous value
 * @param progressNotify whether etcd sends progress notifications while the range is
 * idle, which keep the resume revision fresh (default {@code true})
 * @param noPut whether to leave out put events
 * @param noDelete whether to leave out delete events
 * @param bufferSize how many events may wait for the listener before the watch suspends
 * itself on etcd (default 10,000); it resumes from where it stopped once the listener has
 * worked off half of them; not used with {@code directDelivery}, where nothing waits
 * @param directDelivery whether the listener is called on the thread that reads the
 * watch's stream from etcd, as soon as a response is decoded, instead of on a delivery
 * thread of its own (default {@code false}); see {@link Builder#directDelivery()}
 */
public record WatchOptions(KeyRange range, long startRevision, boolean prevKv, boolean progressNotify, boolean noPut,
		boolean noDelete, int bufferSize, boolean directDelivery) {

	/** Watch one key from now on. */
	public static final WatchOptions DEFAULT = builder().build();

	/** Watch every key with the given prefix from now on. */
	public static final WatchOptions PREFIX = builder().prefix().build();

	/**
	 * Create options, checking that they are consistent.
	 */
	public WatchOptions {
		if (startRevision < 0) {
			throw new IllegalArgumentException("startRevision must not be negative, was " + startRevision);
		}
		if (noPut && noDelete) {
			throw new IllegalArgumentException("A watch that filters out both puts and deletes sees nothing");
		}
		if (bufferSize < 1) {
			throw new IllegalArgumentException("bufferSize must be positive, was " + bufferSize);
		}
	}

	/**
	 * Start building options.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return a copy that starts at another revision.
	 * @param revision the first revision to deliver, 0 for "from now"
	 * @return the copy
	 */
	public WatchOptions withStartRevision(long revision) {
		return new WatchOptions(this.range, revision, this.prevKv, this.progressNotify, this.noPut, this.noDelete,
				this.bufferSize, this.directDelivery);
	}

	/**
	 * Builds {@link WatchOptions}.
	 */
	public static final class Builder {

		private @Nullable KeyRange range;

		private long startRevision;

		private boolean prevKv;

		private boolean progressNotify = true;

		private boolean noPut;

		private boolean noDelete;

		private int bufferSize = 10_000;

		private boolean directDelivery;

		private Builder() {
		}

		/**
		 * Watch the keys from the key up to this one, exclusive.
		 * @param end the range end
		 * @return this builder
		 */
		public Builder rangeEnd(String end) {
			return range(KeyRange.until(end));
		}

		/**
		 * Watch every key that starts with the key.
		 * @return this builder
		 */
		public Builder prefix() {
			return range(KeyRange.PREFIX);
		}

		/**
		 * Watch every key greater than or equal to the key.
		 * @return this builder
		 */
		public Builder fromKey() {
			return range(KeyRange.FROM_KEY);
		}

		/**
		 * Watch the keys of a range; at most one of {@code range}, {@link #rangeEnd},
		 * {@link #prefix} and {@link #fromKey} may be chosen.
		 * @param keys the range, relative to the key watched
		 * @return this builder
		 */
		public Builder range(KeyRange keys) {
			this.range = KeyRange.choose(this.range, keys);
			return this;
		}

		/**
		 * Deliver changes from this revision on, including past ones that etcd still has.
		 * @param revision the first revision, 0 for "from now"
		 * @return this builder
		 */
		public Builder startRevision(long revision) {
			this.startRevision = revision;
			return this;
		}

		/**
		 * Include each key's previous value in its events.
		 * @return this builder
		 */
		public Builder prevKv() {
			this.prevKv = true;
			return this;
		}

		/**
		 * Set whether etcd sends progress notifications while nothing changes.
		 * @param enabled whether to ask for them
		 * @return this builder
		 */
		public Builder progressNotify(boolean enabled) {
			this.progressNotify = enabled;
			return this;
		}

		/**
		 * Leave out put events.
		 * @return this builder
		 */
		public Builder noPut() {
			this.noPut = true;
			return this;
		}

		/**
		 * Leave out delete events.
		 * @return this builder
		 */
		public Builder noDelete() {
			this.noDelete = true;
			return this;
		}

		/**
		 * Set how many events may wait for the listener before the watch suspends itself.
		 * @param size the number of events, positive
		 * @return this builder
		 */
		public Builder bufferSize(int size) {
			this.bufferSize = size;
			return this;
		}

		/**
		 * Call the listener on the thread that reads the watch's stream from etcd, as
		 * soon as a response is decoded, instead of handing each response to a delivery
		 * thread of the watch's own. This saves the hand-off between threads, which
		 * dominates the time from a change to its delivery on a busy machine, and is
		 * meant for listeners that never block and return quickly: updating an in-memory
		 * structure, counting, handing the event to a queue of their own.
		 * <p>
		 * <strong>A listener that blocks or runs long stalls every watch that shares its
		 * stream</strong> (up to {@value WatchClient#WATCHES_PER_STREAM} watches of the
		 * client): nothing more is read from etcd until it returns, and etcd holds back
		 * the stream's later responses meanwhile. Such a listener must not wait for
		 * network calls, locks held by slow code, or another watch's events.
		 * <p>
		 * Unchanged: every change is delivered exactly once, in revision order, one call
		 * at a time; a reconnection resumes from the next revision without loss;
		 * compaction, outages and errors are reported through the same callbacks, after
		 * the events before them; a callback that throws is logged and counted and the
		 * watch goes on. The {@link #bufferSize(int) buffer size} does not apply, since
		 * no event waits for the listener.
		 * @return this builder
		 */
		public Builder directDelivery() {
			this.directDelivery = true;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public WatchOptions build() {
			return new WatchOptions((this.range != null) ? this.range : KeyRange.SINGLE_KEY, this.startRevision,
					this.prevKv, this.progressNotify, this.noPut, this.noDelete, this.bufferSize, this.directDelivery);
		}

	}

}
