package dev.etcdboot.client.transport;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Answers a real etcd cannot produce, from a fake gateway: each ends in a clear exception
 * within the deadline, and only what is safe is retried.
 */
class MisbehavingGatewayTests {

	@Test
	void malformedJsonIsAProtocolErrorAndNotRetried() throws Exception {
		try (FakeGateway gateway = FakeGateway.answering(FakeGateway.status(200, "application/json", "{\"kvs\":[{"));
				EtcdClient client = client(gateway)) {
			assertThatExceptionOfType(EtcdProtocolException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("JSON it cannot read")
				.withMessageContaining(gateway.endpoint());
			assertThat(gateway.requests()).isEqualTo(1);
		}
	}

	@Test
	void aForeignErrorPageIsQuotedAndReadsAreRetried() throws Exception {
		try (FakeGateway gateway = FakeGateway
			.answering(FakeGateway.status(502, "text/html", "<html><body>502 Bad Gateway</body></html>"));
				EtcdClient client = client(gateway)) {
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("502 Bad Gateway")
				.withMessageContaining("HTTP 502");
			assertThat(gateway.requests()).isEqualTo(3);
		}
	}

	@Test
	void anUnexpectedStatusWithEtcdJsonKeepsEtcdsMessage() throws Exception {
		try (FakeGateway gateway = FakeGateway.answering(
				FakeGateway.status(418, "application/json", "{\"code\":2,\"message\":\"teapot\",\"details\":[]}"));
				EtcdClient client = client(gateway)) {
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> client.kv().put("/k", "v"))
				.withMessageContaining("teapot")
				.withMessageContaining("HTTP 418");
			assertThat(gateway.requests()).isEqualTo(1);
		}
	}

	@Test
	void aWrongContentTypeWithAnUnreadableBodyIsAProtocolError() throws Exception {
		try (FakeGateway gateway = FakeGateway.answering(FakeGateway.status(200, "text/plain", "hello"));
				EtcdClient client = client(gateway)) {
			assertThatExceptionOfType(EtcdProtocolException.class).isThrownBy(() -> client.kv().get("/k"));
		}
	}

	@Test
	void aTruncatedAnswerToAReadIsRetriedThenReported() throws Exception {
		try (FakeGateway gateway = FakeGateway.answering(FakeGateway.truncated("{\"header\":{\"rev", 500));
				EtcdClient client = client(gateway)) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("Connection to etcd lost");
			assertThat(gateway.requests()).isEqualTo(3);
		}
	}

	@Test
	void aTruncatedAnswerToAWriteIsAnUnknownOutcomeAndNotRetried() throws Exception {
		try (FakeGateway gateway = FakeGateway.answering(FakeGateway.truncated("{\"header\":{\"rev", 500));
				EtcdClient client = client(gateway)) {
			assertThatExceptionOfType(EtcdOutcomeUnknownException.class).isThrownBy(() -> client.kv().put("/k", "v"))
				.withMessageContaining("may or may not have been applied");
			assertThat(gateway.requests()).isEqualTo(1);
		}
	}

	@Test
	void aStalledGatewayTimesOutWithinTheDeadline() throws Exception {
		try (FakeGateway gateway = FakeGateway.answering(FakeGateway.stalling());
				EtcdClient client = client(gateway, Duration.ofMillis(300))) {
			long start = System.nanoTime();
			assertThatExceptionOfType(EtcdTimeoutException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("No answer from etcd in time");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
			assertThatExceptionOfType(EtcdOutcomeUnknownException.class).isThrownBy(() -> client.kv().put("/k", "v"));
		}
	}

	private static EtcdClient client(FakeGateway gateway) {
		return client(gateway, Duration.ofSeconds(5));
	}

	private static EtcdClient client(FakeGateway gateway, Duration requestTimeout) {
		return EtcdClient.builder()
			.endpoints(gateway.endpoint())
			.requestTimeout(requestTimeout)
			.callTimeout(Duration.ofSeconds(2))
			.retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(20)))
			.build();
	}

}
