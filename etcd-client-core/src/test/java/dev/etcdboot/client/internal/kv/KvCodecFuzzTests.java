package dev.etcdboot.client.internal.kv;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.internal.Namespace;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.OpResult;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.kv.TxnResult;
import dev.etcdboot.client.transport.JsonMutations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random mutations of recorded kv answers, read by the streaming codec as the kv
 * client reads them: decoding either yields a complete result (no null lists, headers or
 * byte arrays) or fails with Jackson's exception, which the transport reports as
 * {@link dev.etcdboot.client.exception.EtcdProtocolException}; never any other exception.
 */
class KvCodecFuzzTests {

	private static final long SEED = 20261125L;

	private static final int CASES = 3000;

	private static final Namespace APP = Namespace.of("/a");

	private static final List<String> RECORDED = List.of(
			"""
					{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},\
					"kvs":[{"key":"L2EvYg==","create_revision":"2","mod_revision":"2","version":"1","value":"djE="}],"count":"1"}""",
			"""
					{"header":{"revision":"5"},"prev_kv":{"key":"L3A=","create_revision":"4","mod_revision":"4","version":"1","value":"b25l"}}""",
			"""
					{"header":{"revision":"9"},"deleted":"2","prev_kvs":[{"key":"L2QvYg==","value":"Mg=="},{"key":"L2QvYw=="}]}""",
			"""
					{"header":{"revision":"20"},"succeeded":true,"responses":[{"response_put":{"header":{"revision":"20"}}},{},\
					{"response_range":{"header":{"revision":"20"},"kvs":[{"key":"L2EvYg==","value":"Mg=="}],"count":"1"}}]}""",
			"""
					{"error":"etcdserver: no leader","message":"etcdserver: no leader","code":14}""");

	private static final List<Function<InputStream, OpResult>> READERS = List.of((body) -> KvCodec.readRange(body, APP),
			(body) -> KvCodec.readPut(body, APP), (body) -> KvCodec.readDelete(body, APP),
			(body) -> KvCodec.readTxn(body, APP));

	@Test
	void mutatedAnswersDecodeCompletelyOrFailWithJacksonsException() {
		Random random = new Random(SEED);
		int decoded = 0;
		int failed = 0;
		for (int i = 0; i < CASES; i++) {
			byte[] mutated = JsonMutations.mutate(RECORDED.get(random.nextInt(RECORDED.size())), random);
			Function<InputStream, OpResult> reader = READERS.get(random.nextInt(READERS.size()));
			try {
				assertComplete(reader.apply(new ByteArrayInputStream(mutated)));
				decoded++;
			}
			catch (JacksonException expected) {
				assertThat(expected.getMessage()).isNotBlank();
				failed++;
			}
			GatewayError error = GatewayError.parse(mutated);
			assertThat(error.text()).isNotEmpty();
			assertThat(error.status()).isNotNull();
		}
		assertThat(decoded).as("some mutations still decode").isPositive();
		assertThat(failed).as("some mutations fail").isPositive();
	}

	private static void assertComplete(OpResult value) {
		assertThat(value).isNotNull();
		if (value instanceof GetResult result) {
			assertThat(result.header()).isNotNull();
			result.kvs().forEach(KvCodecFuzzTests::assertComplete);
		}
		else if (value instanceof PutResult result) {
			assertThat(result.header()).isNotNull();
			if (result.prevKv() != null) {
				assertComplete(result.prevKv());
			}
		}
		else if (value instanceof DeleteResult result) {
			assertThat(result.header()).isNotNull();
			result.prevKvs().forEach(KvCodecFuzzTests::assertComplete);
		}
		else if (value instanceof TxnResult result) {
			assertThat(result.header()).isNotNull();
			result.results().forEach(KvCodecFuzzTests::assertComplete);
		}
	}

	private static void assertComplete(KeyValue kv) {
		assertThat(kv.key()).isNotNull();
		assertThat(kv.value()).isNotNull();
		assertThat(kv.toString()).isNotNull();
	}

}
