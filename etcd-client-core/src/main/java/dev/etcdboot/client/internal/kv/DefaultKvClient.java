package dev.etcdboot.client.internal.kv;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.internal.transport.ResponseReader;
import dev.etcdboot.client.kv.AsyncKvClient;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.ResponseHeader;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * The {@link KvClient} of an {@code EtcdClient}.
 */
public final class DefaultKvClient implements KvClient {

	private final EtcdTransport transport;

	private final Namespace namespace;

	private final @Nullable KvBatcher batcher;

	private final ResponseReader<GetResult> rangeReader;

	private final ResponseReader<PutResult> putReader;

	private final ResponseReader<DeleteResult> deleteReader;

	private final ResponseReader<TxnResult> txnReader;

	private final Executor executor;

	private final @Nullable LocalReads localReads;

	private final AsyncKvClient async = new Async();

	/**
	 * Create the KV API over a transport.
	 * @param transport the transport
	 * @param namespace the namespace applied to every key
	 * @param batching whether gets and puts that wait at the same moment go to etcd as
	 * one transaction
	 * @param executor where {@link #async() asynchronous} calls are sent and their
	 * futures completed
	 */
	public DefaultKvClient(EtcdTransport transport, Namespace namespace, boolean batching, Executor executor) {
		this.transport = transport;
		this.namespace = namespace;
		this.executor = executor;
		this.batcher = batching ? new KvBatcher(transport, namespace, executor) : null;
		this.rangeReader = (body) -> KvCodec.readRange(body, namespace);
		this.putReader = (body) -> KvCodec.readPut(body, namespace);
		this.deleteReader = (body) -> KvCodec.readDelete(body, namespace);
		this.txnReader = (body) -> KvCodec.readTxn(body, namespace);
		this.localReads = null;
	}

	private DefaultKvClient(DefaultKvClient etcd, LocalReads localReads) {
		this.transport = etcd.transport;
		this.namespace = etcd.namespace;
		this.executor = etcd.executor;
		this.batcher = etcd.batcher;
		this.rangeReader = etcd.rangeReader;
		this.putReader = etcd.putReader;
		this.deleteReader = etcd.deleteReader;
		this.txnReader = etcd.txnReader;
		this.localReads = localReads;
	}

	/**
	 * Return a client that answers the reads it can from memory and sends every other
	 * call, sharing this client's batching lanes.
	 * @param reads what answers reads from memory
	 * @return the client
	 */
	public DefaultKvClient withLocalReads(LocalReads reads) {
		return new DefaultKvClient(this, reads);
	}

	@Override
	public AsyncKvClient async() {
		return this.async;
	}

	@Override
	public GetResult get(String key) {
		return get(key, GetOptions.DEFAULT);
	}

	@Override
	public GetResult get(String key, GetOptions options) {
		requireKey(key);
		if (this.localReads != null) {
			GetResult local = this.localReads.get(key, options);
			if (local != null) {
				return local;
			}
		}
		if (this.batcher != null) {
			return this.batcher.get(key, options, () -> getAlone(key, options));
		}
		return getAlone(key, options);
	}

	private GetResult getAlone(String key, GetOptions options) {
		return this.transport.call("kv/range", KvCodec.range(this.namespace, key, options), this.rangeReader,
				Idempotence.IDEMPOTENT, key);
	}

	@Override
	public PutResult put(String key, String value) {
		return put(key, value.getBytes(StandardCharsets.UTF_8), PutOptions.DEFAULT);
	}

	@Override
	public PutResult put(String key, byte[] value) {
		return put(key, value, PutOptions.DEFAULT);
	}

	@Override
	public PutResult put(String key, byte[] value, PutOptions options) {
		requireKey(key);
		if (this.batcher != null) {
			return this.batcher.put(key, value, options, () -> putAlone(key, value, options));
		}
		return putAlone(key, value, options);
	}

	private PutResult putAlone(String key, byte[] value, PutOptions options) {
		return this.transport.call("kv/put", KvCodec.put(this.namespace, key, value, options), this.putReader,
				Idempotence.NOT_IDEMPOTENT, key);
	}

	@Override
	public DeleteResult delete(String key) {
		return delete(key, DeleteOptions.DEFAULT);
	}

	@Override
	public DeleteResult delete(String key, DeleteOptions options) {
		requireKey(key);
		return deleteChecked(key, options);
	}

	private DeleteResult deleteChecked(String key, DeleteOptions options) {
		return this.transport.call("kv/deleterange", KvCodec.delete(this.namespace, key, options), this.deleteReader,
				Idempotence.NOT_IDEMPOTENT, key);
	}

	@Override
	public TxnResult txn(Txn txn) {
		Idempotence idempotence = readOnly(txn) ? Idempotence.IDEMPOTENT : Idempotence.NOT_IDEMPOTENT;
		String key = txn.when().isEmpty() ? (txn.then().isEmpty() ? null : txn.then().get(0).key())
				: txn.when().get(0).key();
		return this.transport.call("kv/txn", KvCodec.txn(this.namespace, txn), this.txnReader, idempotence, key);
	}

	@Override
	public ResponseHeader compact(long revision, boolean physical) {
		requireCompactable(revision);
		return compactChecked(revision, physical);
	}

	private ResponseHeader compactChecked(long revision, boolean physical) {
		return this.transport.call("kv/compaction", KvCodec.compaction(revision, physical), KvCodec::readCompaction,
				Idempotence.NOT_IDEMPOTENT, null);
	}

	private static void requireCompactable(long revision) {
		if (revision <= 0) {
			throw new IllegalArgumentException("Compaction revision must be positive, was " + revision);
		}
	}

	private static boolean readOnly(Txn txn) {
		return txn.then().stream().allMatch(DefaultKvClient::readOnly)
				&& txn.otherwise().stream().allMatch(DefaultKvClient::readOnly);
	}

	private static boolean readOnly(Op op) {
		return op instanceof Op.Get || (op instanceof Op.Nested nested && readOnly(nested.txn()));
	}

	private static void requireKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("etcd key must not be empty");
		}
	}

	/**
	 * Answers some reads from memory instead of etcd, such as those of a watched copy of
	 * a range.
	 */
	public interface LocalReads {

		/**
		 * Answer a read from memory.
		 * @param key the key, or the start of the range
		 * @param options which keys and how
		 * @return the answer, or {@code null} when etcd must answer
		 */
		@Nullable GetResult get(String key, GetOptions options);

		/**
		 * Answer a read from memory without blocking the caller.
		 * @param key the key, or the start of the range
		 * @param options which keys and how
		 * @return the answer to come, or {@code null} when etcd must answer
		 */
		@Nullable CompletableFuture<GetResult> getAsync(String key, GetOptions options);

	}

	/**
	 * The asynchronous view: gets and puts enter the batching lanes (or, without
	 * batching, go on the executor like the other calls), which then send them on the
	 * executor.
	 */
	private final class Async implements AsyncKvClient {

		@Override
		public CompletableFuture<GetResult> get(String key, GetOptions options) {
			return checked(key, () -> {
				CompletableFuture<GetResult> local = (DefaultKvClient.this.localReads != null)
						? DefaultKvClient.this.localReads.getAsync(key, options) : null;
				if (local != null) {
					return local;
				}
				return (DefaultKvClient.this.batcher != null)
						? DefaultKvClient.this.batcher.getAsync(key, options, () -> getAlone(key, options))
						: Completion.supply(DefaultKvClient.this.executor, () -> getAlone(key, options));
			});
		}

		@Override
		public CompletableFuture<PutResult> put(String key, byte[] value, PutOptions options) {
			return checked(key,
					() -> (DefaultKvClient.this.batcher != null)
							? DefaultKvClient.this.batcher.putAsync(key, value, options,
									() -> putAlone(key, value, options))
							: Completion.supply(DefaultKvClient.this.executor, () -> putAlone(key, value, options)));
		}

		@Override
		public CompletableFuture<DeleteResult> delete(String key, DeleteOptions options) {
			return checked(key,
					() -> Completion.supply(DefaultKvClient.this.executor, () -> deleteChecked(key, options)));
		}

		@Override
		public CompletableFuture<TxnResult> txn(Txn txn) {
			return Completion.supply(DefaultKvClient.this.executor, () -> DefaultKvClient.this.txn(txn));
		}

		@Override
		public CompletableFuture<ResponseHeader> compact(long revision, boolean physical) {
			try {
				requireCompactable(revision);
			}
			catch (IllegalArgumentException ex) {
				return CompletableFuture.failedFuture(ex);
			}
			return Completion.supply(DefaultKvClient.this.executor, () -> compactChecked(revision, physical));
		}

		private static <T> CompletableFuture<T> checked(String key, Supplier<CompletableFuture<T>> call) {
			try {
				requireKey(key);
			}
			catch (IllegalArgumentException ex) {
				return CompletableFuture.failedFuture(ex);
			}
			return call.get();
		}

	}

}
