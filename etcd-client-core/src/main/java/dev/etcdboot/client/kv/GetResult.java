package dev.etcdboot.client.kv;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The result of a range read.
 *
 * @param header the response header; its revision is the one the read saw
 * @param kvs the key-values found (empty for a count-only read)
 * @param more whether more keys matched than the limit allowed
 * @param count the number of keys in the range, regardless of the limit
 */
public record GetResult(ResponseHeader header, List<KeyValue> kvs, boolean more, long count) implements OpResult {

	/**
	 * Create a result, reading absent parts as empty.
	 */
	public GetResult(@Nullable ResponseHeader header, @Nullable List<KeyValue> kvs, boolean more, long count) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.kvs = (kvs != null) ? List.copyOf(kvs) : List.of();
		this.more = more;
		this.count = count;
	}

	/**
	 * Return the first key-value found.
	 * @return the key-value, or empty when none matched
	 */
	public Optional<KeyValue> first() {
		return this.kvs.isEmpty() ? Optional.empty() : Optional.of(this.kvs.get(0));
	}

}
