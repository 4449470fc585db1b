package dev.etcdboot.client.internal.kv;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.kv.Compare;
import dev.etcdboot.client.kv.DeleteOptions;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.Op;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.ResponseHeader;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;
import dev.etcdboot.client.kv.Txn;
import dev.etcdboot.client.kv.TxnResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The streaming KV codec writes the gateway's request shapes, leaving out defaults but
 * never a compare's target value, and reads what etcd 3.4's gateway answers: int64 as
 * strings (or numbers), unsigned ids, base64, omitted defaults, unknown fields.
 */
class KvCodecTests {

	private static final Namespace APP = Namespace.of("/app");

	@Test
	void writesRangeRequestsLeavingOutDefaults() {
		GetOptions options = GetOptions.builder()
			.prefix()
			.limit(10)
			.revision(5)
			.sort(SortTarget.MOD, SortOrder.DESCEND)
			.serializable()
			.keysOnly()
			.modRevisions(1, 9)
			.build();
		// "/app/k" and its prefix end "/app/l"
		assertThat(tree(KvCodec.range(APP, "/k", options))).isEqualTo(
				tree("""
						{"key":"L2FwcC9r","range_end":"L2FwcC9s","limit":10,"revision":5,"sort_order":"DESCEND",
						 "sort_target":"MOD","serializable":true,"keys_only":true,"min_mod_revision":1,"max_mod_revision":9}"""));
		assertThat(tree(KvCodec.range(Namespace.NONE, "/k", GetOptions.DEFAULT))).isEqualTo(tree("{\"key\":\"L2s=\"}"));
	}

	@Test
	void writesPutRequestsLeavingOutDefaults() {
		byte[] value = "v".getBytes(StandardCharsets.UTF_8);
		PutOptions options = new PutOptions(7, true, true, false);
		assertThat(tree(KvCodec.put(APP, "/k", value, options))).isEqualTo(
				tree("{\"key\":\"L2FwcC9r\",\"value\":\"dg==\",\"lease\":7,\"prev_kv\":true,\"ignore_value\":true}"));
		assertThat(tree(KvCodec.put(APP, "/k", new byte[0], PutOptions.DEFAULT)))
			.isEqualTo(tree("{\"key\":\"L2FwcC9r\"}"));
	}

	@Test
	void writesDeleteAndCompactionRequests() {
		assertThat(tree(KvCodec.delete(APP, "/k", DeleteOptions.PREFIX)))
			.isEqualTo(tree("{\"key\":\"L2FwcC9r\",\"range_end\":\"L2FwcC9s\"}"));
		assertThat(tree(KvCodec.delete(Namespace.NONE, "/k", DeleteOptions.DEFAULT)))
			.isEqualTo(tree("{\"key\":\"L2s=\"}"));
		assertThat(tree(KvCodec.compaction(12, true))).isEqualTo(tree("{\"revision\":12,\"physical\":true}"));
		assertThat(tree(KvCodec.compaction(12, false))).isEqualTo(tree("{\"revision\":12}"));
	}

	@Test
	void writesATransactionWithEachCompareTargetPresentEvenAtZero() {
		Txn txn = Txn.builder()
			.when(Compare.version("/a").equalTo(0), Compare.modRevision("/b").greaterThan(3),
					Compare.createRevision("/c").overPrefix().lessThan(9), Compare.lease("/d").notEqualTo(0),
					Compare.value("/e").equalTo("x"))
			.then(Op.put("/a", "1"), Op.get("/b"), Op.delete("/c", DeleteOptions.PREFIX),
					Op.txn(Txn.builder().then(Op.get("/d")).build()))
			.otherwise(Op.get("/a"))
			.build();
		assertThat(tree(KvCodec.txn(APP, txn))).isEqualTo(tree("""
				{"compare":[
				  {"result":"EQUAL","target":"VERSION","key":"L2FwcC9h","version":0},
				  {"result":"GREATER","target":"MOD","key":"L2FwcC9i","mod_revision":3},
				  {"result":"LESS","target":"CREATE","key":"L2FwcC9j","range_end":"L2FwcC9k","create_revision":9},
				  {"result":"NOT_EQUAL","target":"LEASE","key":"L2FwcC9k","lease":0},
				  {"result":"EQUAL","target":"VALUE","key":"L2FwcC9l","value":"eA=="}],
				 "success":[
				  {"request_put":{"key":"L2FwcC9h","value":"MQ=="}},
				  {"request_range":{"key":"L2FwcC9i"}},
				  {"request_delete_range":{"key":"L2FwcC9j","range_end":"L2FwcC9k"}},
				  {"request_txn":{"compare":[],"success":[{"request_range":{"key":"L2FwcC9k"}}],"failure":[]}}],
				 "failure":[{"request_range":{"key":"L2FwcC9h"}}]}"""));
	}

	@Test
	void readsATransactionWithEveryKindOfResultAndStripsTheNamespace() {
		TxnResult result = KvCodec.readTxn(
				body("""
						{"header":{"revision":"20"},"succeeded":true,"responses":[
						 {"response_put":{"header":{"revision":"20"},"prev_kv":{"key":"L2FwcC9h","value":"MA=="}}},
						 {},
						 {"response_range":{"header":{"revision":"20"},"kvs":[{"key":"L2FwcC9i","value":"Mg=="}],"count":"1"}},
						 {"response_delete_range":{"header":{"revision":"20"},"deleted":"2",
						   "prev_kvs":[{"key":"L2FwcC9jLzE="},{"key":"L2FwcC9jLzI="}]}},
						 {"response_txn":{"header":{"revision":"20"},"succeeded":false,"responses":[{"response_range":{"header":{}}}]}}]}"""),
				APP);
		assertThat(result.succeeded()).isTrue();
		assertThat(result.header().revision()).isEqualTo(20);
		assertThat(result.results()).hasSize(5);
		assertThat(result.result(0, PutResult.class).prevKv().keyAsString()).isEqualTo("/a");
		assertThat(result.result(1, PutResult.class).header().revision()).isEqualTo(20);
		assertThat(result.result(2, GetResult.class).first().orElseThrow().keyAsString()).isEqualTo("/b");
		DeleteResult deleted = result.result(3, DeleteResult.class);
		assertThat(deleted.deleted()).isEqualTo(2);
		assertThat(deleted.prevKvs()).extracting(KeyValue::keyAsString).containsExactly("/c/1", "/c/2");
		TxnResult nested = result.result(4, TxnResult.class);
		assertThat(nested.succeeded()).isFalse();
		assertThat(nested.result(0, GetResult.class).kvs()).isEmpty();
	}

	@Test
	void readsDeleteAndCompactionAnswers() {
		DeleteResult deleted = KvCodec.readDelete(body("{\"header\":{\"revision\":\"5\"},\"deleted\":\"1\"}"), APP);
		assertThat(deleted.header().revision()).isEqualTo(5);
		assertThat(deleted.deleted()).isEqualTo(1);
		assertThat(deleted.prevKvs()).isEmpty();
		assertThat(KvCodec.readCompaction(body("{\"header\":{\"revision\":\"6\"}}")).revision()).isEqualTo(6);
		assertThat(KvCodec.readCompaction(body("{}"))).isEqualTo(ResponseHeader.EMPTY);
	}

	@Test
	void readsRangeWithStringNumbersUnsignedIdsAndStripsTheNamespace() {
		GetResult result = KvCodec.readRange(
				body("""
						{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},
						 "kvs":[{"key":"L2FwcC9hL2I=","create_revision":"2","mod_revision":"3","version":"2","value":"djE=","lease":"5"}],
						 "more":true,"count":"4","future_field":{"x":[1,2]}}"""),
				APP);
		assertThat(Long.toUnsignedString(result.header().clusterId())).isEqualTo("14841639068965178418");
		assertThat(Long.toUnsignedString(result.header().memberId())).isEqualTo("10276657743932975437");
		assertThat(result.header().revision()).isEqualTo(3);
		assertThat(result.header().raftTerm()).isEqualTo(2);
		assertThat(result.kvs()).singleElement().satisfies((kv) -> {
			assertThat(kv.keyAsString()).isEqualTo("/a/b");
			assertThat(kv.valueAsString()).isEqualTo("v1");
			assertThat(kv.createRevision()).isEqualTo(2);
			assertThat(kv.modRevision()).isEqualTo(3);
			assertThat(kv.version()).isEqualTo(2);
			assertThat(kv.lease()).isEqualTo(5);
		});
		assertThat(result.more()).isTrue();
		assertThat(result.count()).isEqualTo(4);
	}

	@Test
	void readsOmittedDefaultsAndNumbersWrittenAsNumbers() {
		GetResult empty = KvCodec.readRange(body("{\"header\":{\"revision\":7}}"), Namespace.NONE);
		assertThat(empty.header().revision()).isEqualTo(7);
		assertThat(empty.kvs()).isEmpty();
		assertThat(empty.count()).isZero();
		assertThat(empty.more()).isFalse();
		GetResult noValue = KvCodec.readRange(body("{\"kvs\":[{\"key\":\"L2s=\",\"version\":\"1\"}]}"), Namespace.NONE);
		assertThat(noValue.header()).isEqualTo(ResponseHeader.EMPTY);
		assertThat(noValue.kvs()).singleElement().satisfies((kv) -> {
			assertThat(kv.value()).isEmpty();
			assertThat(kv.lease()).isZero();
			assertThat(kv.createRevision()).isZero();
		});
		PutResult put = KvCodec.readPut(body("{}"), Namespace.NONE);
		assertThat(put.prevKv()).isNull();
		assertThat(put.header()).isEqualTo(ResponseHeader.EMPTY);
	}

	@Test
	void readsAPutWithItsPreviousKeyValue() {
		PutResult put = KvCodec.readPut(body("""
				{"header":{"revision":"9"},"prev_kv":{"key":"L2FwcC9r","mod_revision":"8","value":"b2xk"}}"""), APP);
		assertThat(put.header().revision()).isEqualTo(9);
		assertThat(put.prevKv().keyAsString()).isEqualTo("/k");
		assertThat(put.prevKv().valueAsString()).isEqualTo("old");
	}

	@Test
	void readsABatchGivingEachResultTheTransactionsHeader() {
		KvCodec.BatchResult batch = KvCodec.readBatch(body("""
				{"responses":[{"response_put":{"header":{}}},{},{"response_put":{"prev_kv":{"key":"L2FwcC9r"}}}],
				 "header":{"revision":"12"},"succeeded":true}"""), APP);
		assertThat(batch.succeeded()).isTrue();
		assertThat(batch.results()).hasSize(3).allSatisfy((result) -> {
			assertThat(result).isInstanceOf(PutResult.class);
			assertThat(((PutResult) result).header().revision()).isEqualTo(12);
		});
		assertThat(((PutResult) batch.results().get(2)).prevKv().keyAsString()).isEqualTo("/k");
		KvCodec.BatchResult reads = KvCodec.readBatch(body("""
				{"header":{"revision":"3"},"succeeded":true,"responses":[{"response_range":{"header":{"revision":"3"},
				 "kvs":[{"key":"L2FwcC9h","value":"MQ=="}],"count":"1"}},{"response_range":{"header":{}}}]}"""), APP);
		assertThat(reads.results()).hasSize(2);
		GetResult first = (GetResult) reads.results().get(0);
		assertThat(first.first().orElseThrow().keyAsString()).isEqualTo("/a");
		assertThat(first.header().revision()).isEqualTo(3);
		assertThat(((GetResult) reads.results().get(1)).kvs()).isEmpty();
	}

	@Test
	void writesABatchAsATransactionWithoutCompares() {
		List<KvCodec.BatchOp> ops = List.of((json) -> {
			json.writeName("request_put");
			KvCodec.writePut(json, APP, "/a", new byte[] { 1 }, PutOptions.DEFAULT);
		}, (json) -> {
			json.writeName("request_range");
			KvCodec.writeRange(json, APP, "/b", GetOptions.DEFAULT);
		});
		JsonNode txn = tree(KvCodec.batch(ops, 2));
		assertThat(txn.has("compare")).isFalse();
		assertThat(txn.get("success")).hasSize(2);
		assertThat(txn.get("success").get(0).get("request_put").get("key").asString()).isEqualTo("L2FwcC9h");
		assertThat(txn.get("success").get(1).get("request_range").get("key").asString()).isEqualTo("L2FwcC9i");
	}

	@Test
	void rejectsAnswersThatAreNotEtcdJson() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> KvCodec.readRange(body("[]"), APP));
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> KvCodec.readRange(body("{\"count\":\"many\"}"), APP));
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> KvCodec.readPut(body("{\"header\":"), APP));
	}

	private static ByteArrayInputStream body(String json) {
		return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
	}

	private static JsonNode tree(byte[] json) {
		return EtcdJson.mapper().readTree(json);
	}

	private static JsonNode tree(String json) {
		return EtcdJson.mapper().readTree(json);
	}

}
