package dev.etcdboot.client.internal.kv;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.Namespace;
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
 * The gateway's JSON shapes of the KV service, and their conversion from and to the public types.
 */
final class KvWire {

	private KvWire() {
	}

	static RangeRequest range(Namespace namespace, String key, GetOptions options) {
		return new RangeRequest(namespace.key(key),
				options.range().rangeEnd(namespace, key), options.limit(),
				options.revision(), (options.sortOrder() != SortOrder.NONE) ? options.sortOrder() : null,
				(options.sortTarget() != SortTarget.KEY) ? options.sortTarget() : null, options.serializable(),
				options.keysOnly(), options.countOnly(), options.minModRevision(), options.maxModRevision(),
				options.minCreateRevision(), options.maxCreateRevision());
	}

	static PutRequest put(Namespace namespace, String key, byte[] value, PutOptions options) {
		return new PutRequest(namespace.key(key), value, options.lease(), options.prevKv(), options.ignoreValue(),
				options.ignoreLease());
	}

	static DeleteRangeRequest delete(Namespace namespace, String key, DeleteOptions options) {
		return new DeleteRangeRequest(namespace.key(key),
				options.range().rangeEnd(namespace, key), options.prevKv());
	}

	static TxnRequest txn(Namespace namespace, Txn txn) {
		return new TxnRequest(txn.when().stream().map((compare) -> compare(namespace, compare)).toList(),
				txn.then().stream().map((op) -> op(namespace, op)).toList(),
				txn.otherwise().stream().map((op) -> op(namespace, op)).toList());
	}

	private static CompareWire compare(Namespace namespace, Compare compare) {
		Long number = compare.number();
		Compare.Target target = compare.target();
		return new CompareWire(compare.result(), target, namespace.key(compare.key()),
				compare.range().rangeEnd(namespace, compare.key()),
				(target == Compare.Target.VERSION) ? number : null, (target == Compare.Target.CREATE) ? number : null,
				(target == Compare.Target.MOD) ? number : null,
				(target == Compare.Target.VALUE) ? compare.value() : null,
				(target == Compare.Target.LEASE) ? number : null);
	}

	private static RequestOp op(Namespace namespace, Op op) {
		if (op instanceof Op.Get get) {
			return new RequestOp(range(namespace, get.key(), get.options()), null, null, null);
		}
		if (op instanceof Op.Put put) {
			return new RequestOp(null, put(namespace, put.key(), put.value(), put.options()), null, null);
		}
		if (op instanceof Op.Delete delete) {
			return new RequestOp(null, null, delete(namespace, delete.key(), delete.options()), null);
		}
		return new RequestOp(null, null, null, txn(namespace, ((Op.Nested) op).txn()));
	}

	static GetResult strip(Namespace namespace, GetResult result) {
		return new GetResult(result.header(), namespace.strip(result.kvs()), result.more(), result.count());
	}

	static PutResult strip(Namespace namespace, PutResult result) {
		return (result.prevKv() != null) ? new PutResult(result.header(), namespace.strip(result.prevKv())) : result;
	}

	static DeleteResult strip(Namespace namespace, DeleteResult result) {
		return new DeleteResult(result.header(), result.deleted(), namespace.strip(result.prevKvs()));
	}

	static TxnResult toResult(Namespace namespace, TxnResponse response) {
		ResponseHeader header = (response.header() != null) ? response.header() : ResponseHeader.EMPTY;
		List<ResponseOp> responses = (response.responses() != null) ? response.responses() : List.of();
		return new TxnResult(header, response.succeeded(),
				responses.stream().map((op) -> toResult(namespace, op, header)).toList());
	}

	private static OpResult toResult(Namespace namespace, ResponseOp op, ResponseHeader txnHeader) {
		if (op.range() != null) {
			return strip(namespace, op.range());
		}
		if (op.put() != null) {
			return strip(namespace, op.put());
		}
		if (op.deleteRange() != null) {
			return strip(namespace, op.deleteRange());
		}
		if (op.txn() != null) {
			return toResult(namespace, op.txn());
		}
		// etcd omits an operation's body when all its fields are defaults, such as a put without prev_kv
		// answered in a transaction whose header carries the revision
		return new PutResult(txnHeader, null);
	}

	record RangeRequest(@JsonProperty("key") byte[] key, @JsonProperty("range_end") byte @Nullable [] rangeEnd,
			@JsonProperty("limit") long limit, @JsonProperty("revision") long revision,
			@JsonProperty("sort_order") @Nullable SortOrder sortOrder,
			@JsonProperty("sort_target") @Nullable SortTarget sortTarget,
			@JsonProperty("serializable") boolean serializable, @JsonProperty("keys_only") boolean keysOnly,
			@JsonProperty("count_only") boolean countOnly, @JsonProperty("min_mod_revision") long minModRevision,
			@JsonProperty("max_mod_revision") long maxModRevision,
			@JsonProperty("min_create_revision") long minCreateRevision,
			@JsonProperty("max_create_revision") long maxCreateRevision) {
	}

	record PutRequest(@JsonProperty("key") byte[] key, @JsonProperty("value") byte[] value,
			@JsonProperty("lease") long lease, @JsonProperty("prev_kv") boolean prevKv,
			@JsonProperty("ignore_value") boolean ignoreValue, @JsonProperty("ignore_lease") boolean ignoreLease) {
	}

	record DeleteRangeRequest(@JsonProperty("key") byte[] key,
			@JsonProperty("range_end") byte @Nullable [] rangeEnd, @JsonProperty("prev_kv") boolean prevKv) {
	}

	record CompactionRequest(@JsonProperty("revision") long revision, @JsonProperty("physical") boolean physical) {
	}

	record CompactionResponse(@JsonProperty("header") @Nullable ResponseHeader header) {
	}

	record TxnRequest(@JsonProperty("compare") List<CompareWire> compare, @JsonProperty("success") List<RequestOp> success,
			@JsonProperty("failure") List<RequestOp> failure) {
	}

	/**
	 * A compare's target value sits in a proto oneof: exactly the field of the target must be present, even
	 * at zero, since etcd treats a missing target value as "equal" whatever the key holds.
	 */
	record CompareWire(@JsonProperty("result") Compare.Result result, @JsonProperty("target") Compare.Target target,
			@JsonProperty("key") byte[] key, @JsonProperty("range_end") byte @Nullable [] rangeEnd,
			@JsonProperty("version") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long version,
			@JsonProperty("create_revision") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long createRevision,
			@JsonProperty("mod_revision") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long modRevision,
			@JsonProperty("value") @JsonInclude(JsonInclude.Include.NON_NULL) byte @Nullable [] value,
			@JsonProperty("lease") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long lease) {
	}

	record RequestOp(@JsonProperty("request_range") @Nullable RangeRequest range,
			@JsonProperty("request_put") @Nullable PutRequest put,
			@JsonProperty("request_delete_range") @Nullable DeleteRangeRequest deleteRange,
			@JsonProperty("request_txn") @Nullable TxnRequest txn) {
	}

	record TxnResponse(@JsonProperty("header") @Nullable ResponseHeader header,
			@JsonProperty("succeeded") boolean succeeded, @JsonProperty("responses") @Nullable List<ResponseOp> responses) {
	}

	record ResponseOp(@JsonProperty("response_range") @Nullable GetResult range,
			@JsonProperty("response_put") @Nullable PutResult put,
			@JsonProperty("response_delete_range") @Nullable DeleteResult deleteRange,
			@JsonProperty("response_txn") @Nullable TxnResponse txn) {
	}

}
