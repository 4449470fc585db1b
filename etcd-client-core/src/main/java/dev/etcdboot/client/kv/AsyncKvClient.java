package dev.etcdboot.client.kv;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * etcd's KV service without blocking: each call returns at once with a
 * {@link CompletableFuture}; obtained with {@link KvClient#async()}. The calls are those
 * of {@link KvClient}, with the same batching, retries, failover and deadlines: gets and
 * puts enter the same batching lanes, so that one thread with many calls in flight fills
 * batches as many blocking threads would.
 * <p>
 * Threads: the caller's thread only queues the call. Requests are sent, and futures
 * completed, on the client's KV threads ({@code etcd-kv-N}, at most 64, made by the
 * client's thread factory), never on the caller's thread (a future can be complete
 * already when returned: a read answered from memory). Callbacks attached without an
 * executor run on those threads, so a callback that blocks holds one of them: hand long
 * or blocking work, this client's blocking calls included, to an executor of your own
 * ({@code thenApplyAsync(fn, executor)}).
 * <p>
 * Errors: a failed call completes its future exceptionally with the exception the
 * blocking call would throw, itself (an
 * {@link dev.etcdboot.client.exception.EtcdException} subtype or an
 * {@link IllegalArgumentException}), not wrapped; {@code join()} and {@code get()} wrap
 * it as {@code CompletableFuture} does. Once the client is closed, new calls fail with
 * {@link IllegalStateException}.
 * <p>
 * Cancellation: {@code cancel} completes the future with a
 * {@link java.util.concurrent.CancellationException} but does not withdraw the request: a
 * read already queued is still sent, and a write may still be applied.
 */
public interface AsyncKvClient {

	/**
	 * Read one key, linearizably at the current revision.
	 * @param key the key
	 * @return the result, with no key-values when the key does not exist
	 */
	default CompletableFuture<GetResult> get(String key) {
		return get(key, GetOptions.DEFAULT);
	}

	/**
	 * Read a key or a range.
	 * @param key the key, or the start of the range
	 * @param options which keys and how
	 * @return the result
	 */
	CompletableFuture<GetResult> get(String key, GetOptions options);

	/**
	 * Write UTF-8 text to a key.
	 * @param key the key
	 * @param value the value
	 * @return the result
	 */
	default CompletableFuture<PutResult> put(String key, String value) {
		return put(key, value.getBytes(StandardCharsets.UTF_8), PutOptions.DEFAULT);
	}

	/**
	 * Write bytes to a key.
	 * @param key the key
	 * @param value the value
	 * @return the result
	 */
	default CompletableFuture<PutResult> put(String key, byte[] value) {
		return put(key, value, PutOptions.DEFAULT);
	}

	/**
	 * Write bytes to a key.
	 * @param key the key
	 * @param value the value
	 * @param options lease and previous value
	 * @return the result
	 */
	CompletableFuture<PutResult> put(String key, byte[] value, PutOptions options);

	/**
	 * Delete one key.
	 * @param key the key
	 * @return the result, with the number of keys deleted (0 or 1)
	 */
	default CompletableFuture<DeleteResult> delete(String key) {
		return delete(key, DeleteOptions.DEFAULT);
	}

	/**
	 * Delete a key or a range.
	 * @param key the key, or the start of the range
	 * @param options which keys and whether to return them
	 * @return the result
	 */
	CompletableFuture<DeleteResult> delete(String key, DeleteOptions options);

	/**
	 * Run a transaction atomically.
	 * @param txn the transaction
	 * @return the result, saying which branch ran and the results of its operations
	 */
	CompletableFuture<TxnResult> txn(Txn txn);

	/**
	 * Compact the key-value history up to a revision.
	 * @param revision the revision to compact up to, positive
	 * @param physical whether to wait until the compaction is physically applied
	 * @return the response header
	 */
	CompletableFuture<ResponseHeader> compact(long revision, boolean physical);

}
