package dev.etcdboot.client.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.internal.maintenance.MaintenanceWire;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.kv.DeleteResult;
import dev.etcdboot.client.kv.GetResult;
import dev.etcdboot.client.kv.KeyValue;
import dev.etcdboot.client.kv.PutResult;
import dev.etcdboot.client.maintenance.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random mutations of recorded gateway answers: decoding either yields a complete value (no null
 * lists, headers or byte arrays) or fails with Jackson's exception, which the transport reports as
 * {@link dev.etcdboot.client.exception.EtcdProtocolException}; never any other exception.
 */
class WireFuzzTests {

	private static final long SEED = 20261125L;

	private static final int CASES = 3000;

	private static final String NOISE = "{}[]\",:0-null\\é\u0000";

	private static final List<String> RECORDED = List.of("""
			{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},\
			"kvs":[{"key":"L2EvYg==","create_revision":"2","mod_revision":"2","version":"1","value":"djE="}],"count":"1"}""",
			"""
			{"header":{"revision":"5"},"prev_kv":{"key":"L3A=","create_revision":"4","mod_revision":"4","version":"1","value":"b25l"}}""",
			"""
			{"header":{"revision":"9"},"deleted":"2","prev_kvs":[{"key":"L2QvYg==","value":"Mg=="},{"key":"L2QvYw=="}]}""",
			"""
			{"header":{"member_id":"18446744073709551615"},"version":"3.4.23","dbSize":"20480","leader":"1","errors":["x"]}""",
			"""
			{"error":"etcdserver: no leader","message":"etcdserver: no leader","code":14}""");

	private static final List<Class<?>> TYPES = List.of(GetResult.class, PutResult.class, DeleteResult.class,
			MaintenanceWire.Status.class);

	@Test
	void mutatedAnswersDecodeCompletelyOrFailWithJacksonsException() {
		Random random = new Random(SEED);
		int decoded = 0;
		for (int i = 0; i < CASES; i++) {
			byte[] mutated = mutate(RECORDED.get(random.nextInt(RECORDED.size())), random);
			Class<?> type = TYPES.get(random.nextInt(TYPES.size()));
			try {
				Object value = EtcdJson.mapper().readValue(mutated, type);
				if (value != null) {
					assertComplete(value);
					decoded++;
				}
			}
			catch (JacksonException expected) {
				assertThat(expected.getMessage()).isNotBlank();
			}
			GatewayError error = GatewayError.parse(mutated);
			assertThat(error.text()).isNotEmpty();
			assertThat(error.status()).isNotNull();
		}
		assertThat(decoded).as("some mutations still decode").isPositive();
	}

	private static void assertComplete(Object value) {
		if (value instanceof GetResult result) {
			assertThat(result.header()).isNotNull();
			result.kvs().forEach(WireFuzzTests::assertComplete);
		}
		else if (value instanceof PutResult result) {
			assertThat(result.header()).isNotNull();
			if (result.prevKv() != null) {
				assertComplete(result.prevKv());
			}
		}
		else if (value instanceof DeleteResult result) {
			assertThat(result.prevKvs()).isNotNull();
			result.prevKvs().forEach(WireFuzzTests::assertComplete);
		}
		else if (value instanceof MaintenanceWire.Status status) {
			assertComplete(status.toStatus());
		}
		else if (value instanceof MemberStatus status) {
			assertThat(status.errors()).isNotNull();
			assertThat(status.version()).isNotNull();
		}
		else if (value instanceof KeyValue kv) {
			assertThat(kv.key()).isNotNull();
			assertThat(kv.value()).isNotNull();
			assertThat(kv.toString()).isNotNull();
		}
	}

	private static byte[] mutate(String recorded, Random random) {
		StringBuilder text = new StringBuilder(recorded);
		int mutations = 1 + random.nextInt(4);
		for (int m = 0; m < mutations && text.length() > 1; m++) {
			int at = random.nextInt(text.length());
			switch (random.nextInt(6)) {
				case 0 -> text.deleteCharAt(at);
				case 1 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
				case 2 -> text.setLength(at);
				case 3 -> text.replace(at, Math.min(text.length(), at + 3), "\"x\"");
				case 4 -> text.insert(at, "\"99999999999999999999999\"");
				default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
			}
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

}
