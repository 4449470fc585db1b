package dev.etcdboot.client.kv;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;


/**
 * The result of a put.
 *
 * @param header the response header; its revision is the one the put created
 * @param prevKv the previous key-value, when asked for and the key existed
 */
public record PutResult(@JsonProperty("header") ResponseHeader header,
		@JsonProperty("prev_kv") @Nullable KeyValue prevKv) implements OpResult {

	/**
	 * Create a result, reading an absent header as empty.
	 */
	public PutResult(@JsonProperty("header") @Nullable ResponseHeader header,
			@JsonProperty("prev_kv") @Nullable KeyValue prevKv) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.prevKv = prevKv;
	}

}
