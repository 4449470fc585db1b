package dev.etcdboot.client.internal.kv;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.kv.GetOptions;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.Namespace;
import dev.etcdboot.client.kv.PutOptions;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.SortOrder;
import dev.etcdboot.client.kv.SortTarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The streaming codec of the hot KV calls writes what the data-bound wire types write and reads what etcd
 * 3.4's gateway answers: int64 as strings (or numbers), unsigned ids, base64, omitted defaults, unknown
 * fields.
 */
class KvCodecTests {

	private static final Namespace APP = Namespace.of("/app");

	@Test
	void writesRangeRequestsLikeTheDataBoundTypes() {
		GetOptions options = GetOptions.builder()
			.prefix()
			.limit(10)
			.revision(5)
			.sort(SortTarget.MOD, SortOrder.DESCEND)
			.serializable()
			.keysOnly()
			.modRevisions(1, 9)
			.build();
		assertThat(tree(KvCodec.range(APP, "/k", options)))
			.isEqualTo(tree(EtcdJson.mapper().writeValueAsBytes(KvWire.range(APP, "/k", options))));
		assertThat(tree(KvCodec.range(Namespace.NONE, "/k", GetOptions.DEFAULT)))
			.isEqualTo(tree(EtcdJson.mapper().writeValueAsBytes(KvWire.range(Namespace.NONE, "/k", GetOptions.DEFAULT))));
	}

	@Test
	void writesPutRequestsLikeTheDataBoundTypes() {
		byte[] value = "v".getBytes(StandardCharsets.UTF_8);
		PutOptions options = new PutOptions(7, true, true, false);
		assertThat(tree(KvCodec.put(APP, "/k", value, options)))
			.isEqualTo(tree(EtcdJson.mapper().writeValueAsBytes(KvWire.put(APP, "/k", value, options))));
		assertThat(tree(KvCodec.put(APP, "/k", new byte[0], PutOptions.DEFAULT)))
			.isEqualTo(tree(EtcdJson.mapper().writeValueAsBytes(KvWire.put(APP, "/k", new byte[0], PutOptions.DEFAULT))));
	}

	@Test
	void readsRangeWithStringNumbersUnsignedIdsAndStripsTheNamespace() {
		GetResult result = KvCodec.readRange(body("""
				{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},
				 "kvs":[{"key":"L2FwcC9hL2I=","create_revision":"2","mod_revision":"3","version":"2","value":"djE=","lease":"5"}],
				 "more":true,"count":"4","future_field":{"x":[1,2]}}"""), APP);
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
		GetResult noValue = KvCodec.readRange(body("{\"kvs\":[{\"key\":\"L2s=\",\"version\":\"1\"}]}"), Namespace.NONE);
		assertThat(noValue.kvs().get(0).value()).isEmpty();
		PutResult put = KvCodec.readPut(body("{}"), Namespace.NONE);
		assertThat(put.prevKv()).isNull();
		assertThat(put.header()).isEqualTo(dev.etcdboot.client.kv.ResponseHeader.EMPTY);
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

}
