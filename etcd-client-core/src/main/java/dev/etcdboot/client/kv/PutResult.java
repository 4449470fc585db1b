package dev.etcdboot.client.kv;

import org.jspecify.annotations.Nullable;

/**
 * The result of a put.
 *
 * @param header the response header; its revision is the one the put created
 * @param prevKv the previous key-value, when asked for and the key existed
 */
public record PutResult(ResponseHeader header, @Nullable KeyValue prevKv) implements OpResult {

	/**
	 * Create a result, reading an absent header as empty.
	 */
	public PutResult(@Nullable ResponseHeader header, @Nullable KeyValue prevKv) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.prevKv = prevKv;
	}

}
