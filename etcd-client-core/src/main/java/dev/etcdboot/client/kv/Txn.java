package dev.etcdboot.client.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A transaction: if every compare holds, the {@code then} operations run, otherwise the
 * {@code otherwise} ones, all atomically at one revision.
 *
 * @param when the compares, all of which must hold
 * @param then the operations when they hold
 * @param otherwise the operations when one does not
 */
public record Txn(List<Compare> when, List<Op> then, List<Op> otherwise) {

	/**
	 * Create a transaction.
	 */
	public Txn {
		when = List.copyOf(when);
		then = List.copyOf(then);
		otherwise = List.copyOf(otherwise);
	}

	/**
	 * Start building a transaction.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a {@link Txn}.
	 */
	public static final class Builder {

		private final List<Compare> when = new ArrayList<>();

		private final List<Op> then = new ArrayList<>();

		private final List<Op> otherwise = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Add conditions.
		 * @param compares the compares
		 * @return this builder
		 */
		public Builder when(Compare... compares) {
			this.when.addAll(Arrays.asList(compares));
			return this;
		}

		/**
		 * Add operations to run when every condition holds.
		 * @param ops the operations
		 * @return this builder
		 */
		public Builder then(Op... ops) {
			this.then.addAll(Arrays.asList(ops));
			return this;
		}

		/**
		 * Add operations to run when a condition does not hold.
		 * @param ops the operations
		 * @return this builder
		 */
		public Builder otherwise(Op... ops) {
			this.otherwise.addAll(Arrays.asList(ops));
			return this;
		}

		/**
		 * Build the transaction.
		 * @return the transaction
		 */
		public Txn build() {
			return new Txn(this.when, this.then, this.otherwise);
		}

	}

}
