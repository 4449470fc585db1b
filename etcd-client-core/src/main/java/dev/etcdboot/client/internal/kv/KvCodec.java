package dev.etcdboot.client.internal.kv;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.JsonNumbers;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.OpResult;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.ResponseHeader;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

/**
 * Streams the gateway JSON of the KV service (range, put, delete, transactions,
 * compaction, and the transactions of batches) straight from and to the public types,
 * without data binding: no reflection or per-call setup, base64 encoded and decoded
 * inside the parser and generator, bodies read as they arrive. Fields at their default
 * value are left out (except a compare's target value, see below), int64 values are read
 * as strings or numbers, ids as unsigned, unknown fields are skipped. The watch stream
 * reads its key-values and headers with the same methods.
 */
public final class KvCodec {

	private static final JsonFactory JSON = new JsonFactory();

	private static final int OVERHEAD = 256;

	private KvCodec() {
	}

	static byte[] range(Namespace namespace, String key, GetOptions options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(OVERHEAD + key.length());
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			writeRange(json, namespace, key, options);
		}
		return out.toByteArray();
	}

	static byte[] put(Namespace namespace, String key, byte[] value, PutOptions options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(OVERHEAD + key.length() + value.length * 4 / 3);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			writePut(json, namespace, key, value, options);
		}
		return out.toByteArray();
	}

	static byte[] delete(Namespace namespace, String key, DeleteOptions options) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(OVERHEAD + key.length());
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			writeDelete(json, namespace, key, options);
		}
		return out.toByteArray();
	}

	static byte[] txn(Namespace namespace, Txn txn) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(
				OVERHEAD * (1 + txn.when().size() + txn.then().size() + txn.otherwise().size()));
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			writeTxn(json, namespace, txn);
		}
		return out.toByteArray();
	}

	static byte[] compaction(long revision, boolean physical) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			number(json, "revision", revision);
			flag(json, "physical", physical);
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	/** A transaction without compares whose success branch holds the given operations. */
	static byte[] batch(List<? extends BatchOp> ops, int bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(OVERHEAD * ops.size() + bytes * 4 / 3);
		try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			json.writeStartObject();
			json.writeName("success");
			json.writeStartArray();
			for (BatchOp op : ops) {
				json.writeStartObject();
				op.write(json);
				json.writeEndObject();
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	static void writeRange(JsonGenerator json, Namespace namespace, String key, GetOptions options) {
		json.writeStartObject();
		json.writeName("key");
		json.writeBinary(namespace.key(key));
		byte[] rangeEnd = namespace.rangeEnd(options.range(), key);
		if (rangeEnd != null) {
			json.writeName("range_end");
			json.writeBinary(rangeEnd);
		}
		number(json, "limit", options.limit());
		number(json, "revision", options.revision());
		if (options.sortOrder() != SortOrder.NONE) {
			json.writeStringProperty("sort_order", options.sortOrder().name());
		}
		if (options.sortTarget() != SortTarget.KEY) {
			json.writeStringProperty("sort_target", options.sortTarget().name());
		}
		flag(json, "serializable", options.serializable());
		flag(json, "keys_only", options.keysOnly());
		flag(json, "count_only", options.countOnly());
		number(json, "min_mod_revision", options.minModRevision());
		number(json, "max_mod_revision", options.maxModRevision());
		number(json, "min_create_revision", options.minCreateRevision());
		number(json, "max_create_revision", options.maxCreateRevision());
		json.writeEndObject();
	}

	static void writePut(JsonGenerator json, Namespace namespace, String key, byte[] value, PutOptions options) {
		json.writeStartObject();
		json.writeName("key");
		json.writeBinary(namespace.key(key));
		if (value.length > 0) {
			json.writeName("value");
			json.writeBinary(value);
		}
		number(json, "lease", options.lease());
		flag(json, "prev_kv", options.prevKv());
		flag(json, "ignore_value", options.ignoreValue());
		flag(json, "ignore_lease", options.ignoreLease());
		json.writeEndObject();
	}

	static void writeDelete(JsonGenerator json, Namespace namespace, String key, DeleteOptions options) {
		json.writeStartObject();
		json.writeName("key");
		json.writeBinary(namespace.key(key));
		byte[] rangeEnd = namespace.rangeEnd(options.range(), key);
		if (rangeEnd != null) {
			json.writeName("range_end");
			json.writeBinary(rangeEnd);
		}
		flag(json, "prev_kv", options.prevKv());
		json.writeEndObject();
	}

	private static void writeTxn(JsonGenerator json, Namespace namespace, Txn txn) {
		json.writeStartObject();
		json.writeName("compare");
		json.writeStartArray();
		for (Compare compare : txn.when()) {
			writeCompare(json, namespace, compare);
		}
		json.writeEndArray();
		writeOps(json, "success", namespace, txn.then());
		writeOps(json, "failure", namespace, txn.otherwise());
		json.writeEndObject();
	}

	/**
	 * A compare's target value sits in a proto oneof: exactly the field of the target is
	 * written, even at zero, since etcd treats a missing target value as "equal" whatever
	 * the key holds.
	 */
	private static void writeCompare(JsonGenerator json, Namespace namespace, Compare compare) {
		json.writeStartObject();
		json.writeStringProperty("result", compare.result().name());
		json.writeStringProperty("target", compare.target().name());
		json.writeName("key");
		json.writeBinary(namespace.key(compare.key()));
		byte[] rangeEnd = namespace.rangeEnd(compare.range(), compare.key());
		if (rangeEnd != null) {
			json.writeName("range_end");
			json.writeBinary(rangeEnd);
		}
		Long number = compare.number();
		switch (compare.target()) {
			case VALUE -> {
				json.writeName("value");
				json.writeBinary(compare.value());
			}
			case VERSION -> targetNumber(json, "version", number);
			case CREATE -> targetNumber(json, "create_revision", number);
			case MOD -> targetNumber(json, "mod_revision", number);
			case LEASE -> targetNumber(json, "lease", number);
		}
		json.writeEndObject();
	}

	private static void targetNumber(JsonGenerator json, String name, @Nullable Long value) {
		if (value != null) {
			json.writeName(name);
			json.writeNumber(value);
		}
	}

	private static void writeOps(JsonGenerator json, String name, Namespace namespace, List<Op> ops) {
		json.writeName(name);
		json.writeStartArray();
		for (Op op : ops) {
			json.writeStartObject();
			if (op instanceof Op.Get get) {
				json.writeName("request_range");
				writeRange(json, namespace, get.key(), get.options());
			}
			else if (op instanceof Op.Put put) {
				json.writeName("request_put");
				writePut(json, namespace, put.key(), put.value(), put.options());
			}
			else if (op instanceof Op.Delete delete) {
				json.writeName("request_delete_range");
				writeDelete(json, namespace, delete.key(), delete.options());
			}
			else {
				json.writeName("request_txn");
				writeTxn(json, namespace, ((Op.Nested) op).txn());
			}
			json.writeEndObject();
		}
		json.writeEndArray();
	}

	private static void number(JsonGenerator json, String name, long value) {
		if (value != 0) {
			json.writeName(name);
			json.writeNumber(value);
		}
	}

	private static void flag(JsonGenerator json, String name, boolean value) {
		if (value) {
			json.writeBooleanProperty(name, true);
		}
	}

	static GetResult readRange(InputStream body, Namespace namespace) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
			expect(json, json.nextToken(), JsonToken.START_OBJECT);
			return range(json, namespace, null);
		}
	}

	static PutResult readPut(InputStream body, Namespace namespace) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
			expect(json, json.nextToken(), JsonToken.START_OBJECT);
			return put(json, namespace, null);
		}
	}

	static DeleteResult readDelete(InputStream body, Namespace namespace) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
			expect(json, json.nextToken(), JsonToken.START_OBJECT);
			return delete(json, namespace);
		}
	}

	/**
	 * Reads a transaction's answer. Where etcd left an operation's result out because all
	 * its fields were defaults (a put without {@code prev_kv}), the result is a put's
	 * with the transaction's header.
	 */
	static TxnResult readTxn(InputStream body, Namespace namespace) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
			expect(json, json.nextToken(), JsonToken.START_OBJECT);
			return txn(json, namespace);
		}
	}

	static ResponseHeader readCompaction(InputStream body) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
			expect(json, json.nextToken(), JsonToken.START_OBJECT);
			ResponseHeader header = ResponseHeader.EMPTY;
			for (String name = json.nextName(); name != null; name = json.nextName()) {
				JsonToken token = json.nextToken();
				if (name.equals("header")) {
					header = header(json, token);
				}
				else {
					json.skipChildren();
				}
			}
			return header;
		}
	}

	/**
	 * Reads a batch's answer: the transaction's header and the result of each operation,
	 * with that header. Where etcd left an operation's result out because all its fields
	 * were defaults (a put without {@code prev_kv}), the result is a put's.
	 */
	static BatchResult readBatch(InputStream body, Namespace namespace) {
		try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
			expect(json, json.nextToken(), JsonToken.START_OBJECT);
			TxnResult txn = txn(json, namespace);
			// each result carries the transaction's header, wherever it came in the
			// answer
			List<OpResult> withHeaders = new ArrayList<>(txn.results().size());
			for (OpResult result : txn.results()) {
				withHeaders.add(withHeader(result, txn.header()));
			}
			return new BatchResult(txn.header(), txn.succeeded(), withHeaders);
		}
	}

	private static OpResult withHeader(OpResult result, ResponseHeader header) {
		if (result instanceof GetResult get) {
			return new GetResult(header, get.kvs(), get.more(), get.count());
		}
		return new PutResult(header, ((PutResult) result).prevKv());
	}

	private static TxnResult txn(JsonParser json, Namespace namespace) {
		ResponseHeader header = ResponseHeader.EMPTY;
		boolean succeeded = false;
		List<@Nullable OpResult> results = new ArrayList<>();
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "header" -> header = header(json, token);
				case "succeeded" -> succeeded = token == JsonToken.VALUE_TRUE;
				case "responses" -> {
					expect(json, token, JsonToken.START_ARRAY);
					for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
						results.add(txnOp(json, token, namespace));
					}
				}
				default -> json.skipChildren();
			}
		}
		List<OpResult> complete = new ArrayList<>(results.size());
		for (OpResult result : results) {
			complete.add((result != null) ? result : new PutResult(header, null));
		}
		return new TxnResult(header, succeeded, complete);
	}

	private static @Nullable OpResult txnOp(JsonParser json, @Nullable JsonToken token, Namespace namespace) {
		expect(json, token, JsonToken.START_OBJECT);
		OpResult result = null;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken value = json.nextToken();
			switch (name) {
				case "response_range" -> {
					expect(json, value, JsonToken.START_OBJECT);
					result = range(json, namespace, null);
				}
				case "response_put" -> {
					expect(json, value, JsonToken.START_OBJECT);
					result = put(json, namespace, null);
				}
				case "response_delete_range" -> {
					expect(json, value, JsonToken.START_OBJECT);
					result = delete(json, namespace);
				}
				case "response_txn" -> {
					expect(json, value, JsonToken.START_OBJECT);
					result = txn(json, namespace);
				}
				default -> json.skipChildren();
			}
		}
		return result;
	}

	private static DeleteResult delete(JsonParser json, Namespace namespace) {
		ResponseHeader header = ResponseHeader.EMPTY;
		long deleted = 0;
		List<KeyValue> prevKvs = List.of();
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "header" -> header = header(json, token);
				case "deleted" -> deleted = longValue(json, token);
				case "prev_kvs" -> {
					expect(json, token, JsonToken.START_ARRAY);
					prevKvs = new ArrayList<>();
					for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
						prevKvs.add(namespace.strip(keyValue(json, token)));
					}
				}
				default -> json.skipChildren();
			}
		}
		return new DeleteResult(header, deleted, prevKvs);
	}

	/**
	 * Reads a range response's fields up to its closing brace; the header is read unless
	 * one is given.
	 */
	private static GetResult range(JsonParser json, Namespace namespace, @Nullable ResponseHeader given) {
		ResponseHeader header = (given != null) ? given : ResponseHeader.EMPTY;
		List<KeyValue> kvs = List.of();
		boolean more = false;
		long count = 0;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "header" -> {
					ResponseHeader read = header(json, token);
					header = (given != null) ? given : read;
				}
				case "kvs" -> {
					expect(json, token, JsonToken.START_ARRAY);
					kvs = new ArrayList<>();
					for (token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
						kvs.add(namespace.strip(keyValue(json, token)));
					}
				}
				case "more" -> more = token == JsonToken.VALUE_TRUE;
				case "count" -> count = longValue(json, token);
				default -> json.skipChildren();
			}
		}
		return new GetResult(header, kvs, more, count);
	}

	private static PutResult put(JsonParser json, Namespace namespace, @Nullable ResponseHeader given) {
		ResponseHeader header = (given != null) ? given : ResponseHeader.EMPTY;
		KeyValue prevKv = null;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken token = json.nextToken();
			switch (name) {
				case "header" -> {
					ResponseHeader read = header(json, token);
					header = (given != null) ? given : read;
				}
				case "prev_kv" -> prevKv = namespace.strip(keyValue(json, token));
				default -> json.skipChildren();
			}
		}
		return new PutResult(header, prevKv);
	}

	/**
	 * Read a key-value whose first token has been read.
	 * @param json the parser
	 * @param token its current token, the key-value's start
	 * @return the key-value
	 * @throws StreamReadException when it is not a key-value
	 */
	public static KeyValue keyValue(JsonParser json, JsonToken token) {
		expect(json, token, JsonToken.START_OBJECT);
		byte[] key = null;
		byte[] value = null;
		long createRevision = 0;
		long modRevision = 0;
		long version = 0;
		long lease = 0;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken field = json.nextToken();
			switch (name) {
				case "key" -> key = bytes(json, field);
				case "value" -> value = bytes(json, field);
				case "create_revision" -> createRevision = longValue(json, field);
				case "mod_revision" -> modRevision = longValue(json, field);
				case "version" -> version = longValue(json, field);
				case "lease" -> lease = longValue(json, field);
				default -> json.skipChildren();
			}
		}
		return new KeyValue(key, createRevision, modRevision, version, value, lease);
	}

	/**
	 * Read a response header whose first token has been read.
	 * @param json the parser
	 * @param token its current token, the header's start
	 * @return the header
	 * @throws StreamReadException when it is not a header
	 */
	public static ResponseHeader header(JsonParser json, JsonToken token) {
		expect(json, token, JsonToken.START_OBJECT);
		long clusterId = 0;
		long memberId = 0;
		long revision = 0;
		long raftTerm = 0;
		for (String name = json.nextName(); name != null; name = json.nextName()) {
			JsonToken field = json.nextToken();
			switch (name) {
				case "cluster_id" -> clusterId = unsignedValue(json, field);
				case "member_id" -> memberId = unsignedValue(json, field);
				case "revision" -> revision = longValue(json, field);
				case "raft_term" -> raftTerm = unsignedValue(json, field);
				default -> json.skipChildren();
			}
		}
		return new ResponseHeader(clusterId, memberId, revision, raftTerm);
	}

	private static byte @Nullable [] bytes(JsonParser json, JsonToken token) {
		return (token == JsonToken.VALUE_NULL) ? null : json.getBinaryValue();
	}

	/**
	 * Read an int64, which the gateway writes as a string.
	 * @param json the parser
	 * @param token its current token
	 * @return the value, 0 for {@code null}
	 * @throws StreamReadException when it is not an int64
	 */
	public static long longValue(JsonParser json, JsonToken token) {
		return JsonNumbers.int64(json, token);
	}

	private static long unsignedValue(JsonParser json, JsonToken token) {
		return JsonNumbers.uint64(json, token);
	}

	private static void expect(JsonParser json, @Nullable JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new StreamReadException(json, "Expected " + expected + ", found " + actual);
		}
	}

	/**
	 * One operation of a batch's transaction, written as {@code "request_range": {...}}
	 * or the like.
	 */
	interface BatchOp {

		void write(JsonGenerator json);

	}

	/**
	 * A batch's answer.
	 *
	 * @param header the transaction's header
	 * @param succeeded whether the success branch ran (always, without compares)
	 * @param results the operations' results, each with the transaction's header
	 */
	record BatchResult(ResponseHeader header, boolean succeeded, List<OpResult> results) {
	}

}
