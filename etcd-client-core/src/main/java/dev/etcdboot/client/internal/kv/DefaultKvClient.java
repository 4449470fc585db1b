package dev.etcdboot.client.internal.kv;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.internal.transport.EtcdTransport;
import dev.etcdboot.client.internal.transport.Idempotence;
import dev.etcdboot.client.internal.transport.ResponseReader;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KvClient;
import dev.etcdboot.client.kv.Namespace;
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

	/**
	 * Create the KV API over a transport, sending each call as a request of its own.
	 * @param transport the transport
	 * @param namespace the namespace applied to every key
	 */
	public DefaultKvClient(EtcdTransport transport, Namespace namespace) {
		this(transport, namespace, false);
	}

	/**
	 * Create the KV API over a transport.
	 * @param transport the transport
	 * @param namespace the namespace applied to every key
	 * @param batching whether gets and puts that wait at the same moment go to etcd as one transaction
	 */
	public DefaultKvClient(EtcdTransport transport, Namespace namespace, boolean batching) {
		this.transport = transport;
		this.namespace = namespace;
		this.batcher = batching ? new KvBatcher(transport, namespace) : null;
		this.rangeReader = (body) -> KvCodec.readRange(body, namespace);
		this.putReader = (body) -> KvCodec.readPut(body, namespace);
	}

	@Override
	public GetResult get(String key) {
		return get(key, GetOptions.DEFAULT);
	}

	@Override
	public GetResult get(String key, GetOptions options) {
		requireKey(key);
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
		DeleteResult result = this.transport.call("kv/deleterange", KvWire.delete(this.namespace, key, options),
				DeleteResult.class, Idempotence.NOT_IDEMPOTENT, key);
		return KvWire.strip(this.namespace, result);
	}

	@Override
	public TxnResult txn(Txn txn) {
		Idempotence idempotence = readOnly(txn) ? Idempotence.IDEMPOTENT : Idempotence.NOT_IDEMPOTENT;
		String key = txn.when().isEmpty() ? (txn.then().isEmpty() ? null : txn.then().get(0).key())
				: txn.when().get(0).key();
		KvWire.TxnResponse response = this.transport.call("kv/txn", KvWire.txn(this.namespace, txn),
				KvWire.TxnResponse.class, idempotence, key);
		return KvWire.toResult(this.namespace, response);
	}

	@Override
	public ResponseHeader compact(long revision, boolean physical) {
		if (revision <= 0) {
			throw new IllegalArgumentException("Compaction revision must be positive, was " + revision);
		}
		KvWire.CompactionResponse response = this.transport.call("kv/compaction",
				new KvWire.CompactionRequest(revision, physical), KvWire.CompactionResponse.class,
				Idempotence.NOT_IDEMPOTENT, null);
		return (response.header() != null) ? response.header() : ResponseHeader.EMPTY;
	}

	private static boolean readOnly(Txn txn) {
		return txn.then().stream().allMatch(DefaultKvClient::readOnly) && txn.otherwise().stream().allMatch(DefaultKvClient::readOnly);
	}

	private static boolean readOnly(Op op) {
		return op instanceof Op.Get || (op instanceof Op.Nested nested && readOnly(nested.txn()));
	}

	private static void requireKey(String key) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("etcd key must not be empty");
		}
	}

}
