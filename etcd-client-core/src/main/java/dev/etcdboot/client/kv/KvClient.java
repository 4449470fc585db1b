package dev.etcdboot.client.kv;

/**
 * etcd's KV service.
 * <p>
 * Batching (on by default, see {@code EtcdClient.Builder#batching}): {@link #get} and
 * {@link #put} calls made by several threads at the same moment may go to etcd together,
 * as the operations of one transaction, when the client already has requests in flight; a
 * call made alone is sent alone. This keeps every guarantee: the calls were concurrent,
 * so the transaction's order is a valid order for them, and linearizable reads stay
 * linearizable. Puts batched together share one revision, which each result carries; a
 * put that needs a revision of its own (distinct from every concurrent put) belongs in a
 * {@link #txn}, which is never batched, like {@link #delete} and {@link #compact}. A call
 * rejected by etcd fails alone: the others of its batch are retried one by one.
 * <p>
 * Retries: reads ({@link #get}) are retried on another member after connection failures,
 * timeouts and unavailable members. Writes ({@link #put}, {@link #delete}, {@link #txn}
 * with a write, {@link #compact}) are retried only when they provably did not reach etcd
 * or etcd rejected them before applying them; when the answer to a write is lost, the
 * write fails with {@link dev.etcdboot.client.exception.EtcdOutcomeUnknownException}. A
 * transaction of reads only is retried like a read.
 * <p>
 * {@link #async()} offers the same calls without blocking, on the same path. Reads under
 * the client's cached prefixes ({@code EtcdClient.Builder#cachedPrefixes}) are answered
 * from memory where they can be.
 */
public interface KvClient {

	/**
	 * Read one key, linearizably at the current revision.
	 * @param key the key
	 * @return the result, with no key-values when the key does not exist
	 */
	GetResult get(String key);

	/**
	 * Read a key or a range.
	 * @param key the key, or the start of the range
	 * @param options which keys and how
	 * @return the result
	 */
	GetResult get(String key, GetOptions options);

	/**
	 * Write UTF-8 text to a key.
	 * @param key the key
	 * @param value the value
	 * @return the result
	 */
	PutResult put(String key, String value);

	/**
	 * Write bytes to a key.
	 * @param key the key
	 * @param value the value
	 * @return the result
	 */
	PutResult put(String key, byte[] value);

	/**
	 * Write bytes to a key.
	 * @param key the key
	 * @param value the value
	 * @param options lease and previous value
	 * @return the result
	 */
	PutResult put(String key, byte[] value, PutOptions options);

	/**
	 * Delete one key.
	 * @param key the key
	 * @return the result, with the number of keys deleted (0 or 1)
	 */
	DeleteResult delete(String key);

	/**
	 * Delete a key or a range.
	 * @param key the key, or the start of the range
	 * @param options which keys and whether to return them
	 * @return the result
	 */
	DeleteResult delete(String key, DeleteOptions options);

	/**
	 * Run a transaction atomically.
	 * @param txn the transaction
	 * @return the result, saying which branch ran and the results of its operations
	 */
	TxnResult txn(Txn txn);

	/**
	 * Compact the key-value history up to a revision: older revisions can no longer be
	 * read or watched.
	 * @param revision the revision to compact up to
	 * @param physical whether to wait until the compaction is physically applied
	 * @return the response header
	 */
	ResponseHeader compact(long revision, boolean physical);

	/**
	 * Return the same calls without blocking: each returns a
	 * {@link java.util.concurrent.CompletableFuture} at once.
	 * @return the asynchronous view of this client
	 */
	AsyncKvClient async();

}
