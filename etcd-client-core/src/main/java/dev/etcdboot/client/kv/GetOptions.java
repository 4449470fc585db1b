package dev.etcdboot.client.kv;

import org.jspecify.annotations.Nullable;

/**
 * How a range read selects and returns keys. Built with {@link #builder()};
 * {@link #DEFAULT} reads one key linearizably at the current revision.
 *
 * @param range which keys to read, relative to the key read
 * @param limit the most keys to return, 0 for no limit
 * @param revision the revision to read at, 0 for the current one
 * @param sortOrder the order of the results
 * @param sortTarget the field to sort by
 * @param serializable whether a member may answer from its local state without consulting
 * the leader (faster, possibly stale)
 * @param keysOnly whether to leave out values
 * @param countOnly whether to return only the count
 * @param minModRevision the lowest modification revision to include, 0 for no bound
 * @param maxModRevision the highest modification revision to include, 0 for no bound
 * @param minCreateRevision the lowest create revision to include, 0 for no bound
 * @param maxCreateRevision the highest create revision to include, 0 for no bound
 */
public record GetOptions(KeyRange range, long limit, long revision, SortOrder sortOrder, SortTarget sortTarget,
		boolean serializable, boolean keysOnly, boolean countOnly, long minModRevision, long maxModRevision,
		long minCreateRevision, long maxCreateRevision) {

	/** A linearizable read of one key at the current revision. */
	public static final GetOptions DEFAULT = builder().build();

	/** A linearizable read of every key with the given prefix. */
	public static final GetOptions PREFIX = builder().prefix().build();

	/**
	 * Create options, checking that they are consistent.
	 */
	public GetOptions {
		if (limit < 0 || revision < 0 || minModRevision < 0 || maxModRevision < 0 || minCreateRevision < 0
				|| maxCreateRevision < 0) {
			throw new IllegalArgumentException("limit and revisions must not be negative");
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
	 * Builds {@link GetOptions}.
	 */
	public static final class Builder {

		private @Nullable KeyRange range;

		private long limit;

		private long revision;

		private SortOrder sortOrder = SortOrder.NONE;

		private SortTarget sortTarget = SortTarget.KEY;

		private boolean serializable;

		private boolean keysOnly;

		private boolean countOnly;

		private long minModRevision;

		private long maxModRevision;

		private long minCreateRevision;

		private long maxCreateRevision;

		private Builder() {
		}

		/**
		 * Read the keys from the key up to this end, exclusive.
		 * @param end the end of the range
		 * @return this builder
		 */
		public Builder rangeEnd(String end) {
			return range(KeyRange.until(end));
		}

		/**
		 * Read every key that starts with the key.
		 * @return this builder
		 */
		public Builder prefix() {
			return range(KeyRange.PREFIX);
		}

		/**
		 * Read every key greater than or equal to the key.
		 * @return this builder
		 */
		public Builder fromKey() {
			return range(KeyRange.FROM_KEY);
		}

		/**
		 * Read the keys of a range; at most one of {@code range}, {@link #rangeEnd},
		 * {@link #prefix} and {@link #fromKey} may be chosen.
		 * @param keys the range, relative to the key read
		 * @return this builder
		 */
		public Builder range(KeyRange keys) {
			this.range = KeyRange.choose(this.range, keys);
			return this;
		}

		/**
		 * Return at most this many keys.
		 * @param maxKeys the limit, 0 for none
		 * @return this builder
		 */
		public Builder limit(long maxKeys) {
			this.limit = maxKeys;
			return this;
		}

		/**
		 * Read at a past revision.
		 * @param atRevision the revision, 0 for the current one
		 * @return this builder
		 */
		public Builder revision(long atRevision) {
			this.revision = atRevision;
			return this;
		}

		/**
		 * Sort the results.
		 * @param target the field to sort by
		 * @param order the order
		 * @return this builder
		 */
		public Builder sort(SortTarget target, SortOrder order) {
			this.sortTarget = target;
			this.sortOrder = order;
			return this;
		}

		/**
		 * Let any member answer from its local state (serializable read): faster,
		 * possibly stale.
		 * @return this builder
		 */
		public Builder serializable() {
			this.serializable = true;
			return this;
		}

		/**
		 * Leave out the values.
		 * @return this builder
		 */
		public Builder keysOnly() {
			this.keysOnly = true;
			return this;
		}

		/**
		 * Return only the number of keys.
		 * @return this builder
		 */
		public Builder countOnly() {
			this.countOnly = true;
			return this;
		}

		/**
		 * Bound the modification revisions to include.
		 * @param min the lowest, 0 for no bound
		 * @param max the highest, 0 for no bound
		 * @return this builder
		 */
		public Builder modRevisions(long min, long max) {
			this.minModRevision = min;
			this.maxModRevision = max;
			return this;
		}

		/**
		 * Bound the create revisions to include.
		 * @param min the lowest, 0 for no bound
		 * @param max the highest, 0 for no bound
		 * @return this builder
		 */
		public Builder createRevisions(long min, long max) {
			this.minCreateRevision = min;
			this.maxCreateRevision = max;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public GetOptions build() {
			return new GetOptions((this.range != null) ? this.range : KeyRange.SINGLE_KEY, this.limit, this.revision,
					this.sortOrder, this.sortTarget, this.serializable, this.keysOnly, this.countOnly,
					this.minModRevision, this.maxModRevision, this.minCreateRevision, this.maxCreateRevision);
		}

	}

}
