package dev.etcdboot.client.transport;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import dev.etcdboot.client.internal.lease.LeaseWire;
import dev.etcdboot.client.internal.maintenance.MaintenanceWire;
import dev.etcdboot.client.internal.transport.EtcdJson;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.lease.LeaseGrant;
import dev.etcdboot.client.lease.LeaseTimeToLive;
import dev.etcdboot.client.maintenance.MemberStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random mutations of recorded gateway answers bound by Jackson (the kv answers,
 * read by the streaming codec, are fuzzed by {@code KvCodecFuzzTests}): decoding either
 * yields a complete value (no null lists, headers or strings) or fails with Jackson's
 * exception, which the transport reports as
 * {@link dev.etcdboot.client.exception.EtcdProtocolException}; never any other exception.
 */
class WireFuzzTests {

	private static final long SEED = 20261125L;

	private static final int CASES = 3000;

	private static final List<String> RECORDED = List.of(
			"""
					{"header":{"member_id":"18446744073709551615"},"version":"3.4.23","dbSize":"20480","leader":"1","errors":["x"]}""",
			"""
					{"header":{"cluster_id":"14841639068965178418","member_id":"10276657743932975437","revision":"3","raft_term":"2"},\
					"ID":"7587869379404283148","TTL":"30"}""",
			"""
					{"header":{"revision":"4"},"ID":"7587869379404283148","TTL":"29","grantedTTL":"30","keys":["L2E="]}""",
			"""
					{"error":"etcdserver: no leader","message":"etcdserver: no leader","code":14}""");

	private static final List<Class<?>> TYPES = List.of(MaintenanceWire.Status.class, LeaseWire.Grant.class,
			LeaseWire.TimeToLive.class);

	@Test
	void mutatedAnswersDecodeCompletelyOrFailWithJacksonsException() {
		Random random = new Random(SEED);
		int decoded = 0;
		int failed = 0;
		for (int i = 0; i < CASES; i++) {
			byte[] mutated = JsonMutations.mutate(RECORDED.get(random.nextInt(RECORDED.size())), random);
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
				failed++;
			}
			GatewayError error = GatewayError.parse(mutated);
			assertThat(error.text()).isNotEmpty();
			assertThat(error.status()).isNotNull();
		}
		assertThat(decoded).as("some mutations still decode").isPositive();
		assertThat(failed).as("some mutations fail").isPositive();
	}

	private static void assertComplete(Object value) {
		if (value instanceof MaintenanceWire.Status status) {
			MemberStatus result = status.toStatus();
			assertThat(result.header()).isNotNull();
			assertThat(result.errors()).isNotNull();
			assertThat(result.version()).isNotNull();
		}
		else if (value instanceof LeaseWire.Grant grant) {
			LeaseGrant result = grant.toGrant();
			assertThat(result.header()).isNotNull();
		}
		else if (value instanceof LeaseWire.TimeToLive timeToLive) {
			LeaseTimeToLive result = timeToLive.toTimeToLive();
			assertThat(result.header()).isNotNull();
			assertThat(result.keys()).isNotNull().doesNotContainNull();
		}
	}

}
