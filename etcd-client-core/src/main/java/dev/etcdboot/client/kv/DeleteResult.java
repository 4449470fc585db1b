package dev.etcdboot.client.kv;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;


/**
 * The result of a delete.
 *
 * @param header the response header; its revision is the one the delete created
 * @param deleted the number of keys deleted
 * @param prevKvs the deleted key-values, when asked for
 */
public record DeleteResult(@JsonProperty("header") ResponseHeader header, @JsonProperty("deleted") long deleted,
		@JsonProperty("prev_kvs") List<KeyValue> prevKvs) implements OpResult {

	/**
	 * Create a result, reading absent parts as empty.
	 */
	public DeleteResult(@JsonProperty("header") @Nullable ResponseHeader header,
			@JsonProperty("deleted") long deleted, @JsonProperty("prev_kvs") @Nullable List<KeyValue> prevKvs) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.deleted = deleted;
		this.prevKvs = (prevKvs != null) ? List.copyOf(prevKvs) : List.of();
	}

}
