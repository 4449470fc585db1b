package dev.etcdboot.client.kv;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The result of a delete.
 *
 * @param header the response header; its revision is the one the delete created
 * @param deleted the number of keys deleted
 * @param prevKvs the deleted key-values, when asked for
 */
public record DeleteResult(ResponseHeader header, long deleted, List<KeyValue> prevKvs) implements OpResult {

	/**
	 * Create a result, reading absent parts as empty.
	 */
	public DeleteResult(@Nullable ResponseHeader header, long deleted, @Nullable List<KeyValue> prevKvs) {
		this.header = (header != null) ? header : ResponseHeader.EMPTY;
		this.deleted = deleted;
		this.prevKvs = (prevKvs != null) ? List.copyOf(prevKvs) : List.of();
	}

}
