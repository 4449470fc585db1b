package dev.etcdboot.client.kv;

import java.util.List;

/**
 * The result of a transaction.
 *
 * @param header the response header; its revision is the one after the transaction
 * @param succeeded whether every compare held, so that the success branch ran
 * @param results the results of the branch that ran, in order
 */
public record TxnResult(ResponseHeader header, boolean succeeded, List<OpResult> results) implements OpResult {

	/**
	 * Create a result.
	 */
	public TxnResult {
		results = List.copyOf(results);
	}

	/**
	 * Return the result of an operation of the branch that ran.
	 * @param <R> the expected result type
	 * @param index the operation's position in its branch
	 * @param type the expected result type
	 * @return the result
	 * @throws IllegalStateException when the operation at that position is of another
	 * type
	 */
	public <R extends OpResult> R result(int index, Class<R> type) {
		OpResult result = this.results.get(index);
		if (!type.isInstance(result)) {
			throw new IllegalStateException("Result " + index + " is a " + result.getClass().getSimpleName()
					+ ", not a " + type.getSimpleName());
		}
		return type.cast(result);
	}

}
