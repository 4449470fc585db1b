package dev.etcdboot.client.transport;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.etcdboot.client.exception.EtcdAccessDeniedException;
import dev.etcdboot.client.exception.EtcdCompactedException;
import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdLeaseNotFoundException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.internal.transport.GatewayError;
import dev.etcdboot.client.internal.transport.GatewayErrors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error bodies as etcd's gateway sends them: the 3.4/3.5 shape
 * {@code {"error","message","code"}} (recorded from etcd 3.4.23) and the 3.6 shape
 * {@code {"code","message","details"}} (from etcd 3.6's gateway).
 */
class GatewayErrorsTests {

	@Test
	void readsTheOldShapePreferringMessage() {
		GatewayError error = parse(
				"{\"error\":\"etcdserver: mvcc: required revision has been compacted\",\"message\":\"etcdserver: mvcc: required revision has been compacted\",\"code\":11}");
		assertThat(error.status()).isEqualTo(GrpcStatus.OUT_OF_RANGE);
		assertThat(error.text()).isEqualTo("etcdserver: mvcc: required revision has been compacted");
	}

	@Test
	void readsTheNewShape() {
		GatewayError error = parse("{\"code\":5,\"message\":\"etcdserver: requested lease not found\",\"details\":[]}");
		assertThat(error.status()).isEqualTo(GrpcStatus.NOT_FOUND);
		assertThat(error.text()).isEqualTo("etcdserver: requested lease not found");
	}

	@Test
	void fallsBackToTheErrorFieldWhenMessageIsMissing() {
		GatewayError error = parse("{\"error\":\"etcdserver: no leader\",\"code\":14}");
		assertThat(error.text()).isEqualTo("etcdserver: no leader");
		assertThat(error.status()).isEqualTo(GrpcStatus.UNAVAILABLE);
	}

	@Test
	void quotesABodyThatIsNotJson() {
		GatewayError error = parse("<html><body>502 Bad Gateway</body></html>");
		assertThat(error.status()).isEqualTo(GrpcStatus.UNKNOWN);
		assertThat(error.text()).contains("502 Bad Gateway");
	}

	@Test
	void ignoresUnknownFieldsAndUnknownCodes() {
		GatewayError error = parse("{\"code\":99,\"message\":\"odd\",\"details\":[{\"@type\":\"x\"}],\"extra\":1}");
		assertThat(error.status()).isEqualTo(GrpcStatus.UNKNOWN);
		assertThat(error.text()).isEqualTo("odd");
	}

	@Test
	void mapsEveryKnownErrorToItsType() {
		assertThat(map(11, 400, "etcdserver: mvcc: required revision has been compacted"))
			.isInstanceOf(EtcdCompactedException.class);
		assertThat(map(5, 404, "etcdserver: requested lease not found")).isInstanceOf(EtcdLeaseNotFoundException.class);
		assertThat(map(7, 403, "etcdserver: permission denied")).isInstanceOf(EtcdAccessDeniedException.class)
			.hasMessageContaining("Permission denied");
		assertThat(map(3, 400, "etcdserver: authentication failed, invalid user ID or password"))
			.isInstanceOf(EtcdAccessDeniedException.class)
			.hasMessageContaining("etcd rejected the credentials");
		assertThat(map(3, 400, "etcdserver: user name is empty")).isInstanceOf(EtcdAccessDeniedException.class)
			.hasMessageContaining("no username and password are configured");
		assertThat(map(16, 401, "etcdserver: invalid auth token")).isInstanceOf(EtcdAccessDeniedException.class)
			.hasMessageContaining("etcd rejected the credentials");
		assertThat(map(3, 400, "etcdserver: request is too large")).isExactlyInstanceOf(EtcdException.class)
			.hasMessageStartingWith("etcd rejected the request as too large")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
		assertThat(map(8, 429, "grpc: received message larger than max (2796220 vs. 2097152)"))
			.isExactlyInstanceOf(EtcdException.class)
			.hasMessageStartingWith("etcd rejected the request as too large");
		assertThat(map(8, 429, "etcdserver: mvcc: database space exceeded")).isExactlyInstanceOf(EtcdException.class)
			.hasMessageStartingWith("etcd is out of a resource")
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED));
		assertThat(map(3, 400, "etcdserver: duplicate key given in txn request"))
			.isExactlyInstanceOf(EtcdException.class)
			.hasMessageStartingWith("etcd rejected the request as invalid");
		assertThat(map(5, 404, "etcdserver: member not found")).isExactlyInstanceOf(EtcdException.class)
			.hasMessageStartingWith("etcd did not find what the request named");
		assertThat(map(9, 400, "etcdserver: authentication is not enabled")).isExactlyInstanceOf(EtcdException.class)
			.hasMessageStartingWith("etcd is not in the state the request needs");
		assertThat(map(14, 503, "etcdserver: no leader")).isInstanceOf(EtcdUnavailableException.class);
	}

	@Test
	void messagesNameOperationKeyEndpointAndEtcdsText() {
		EtcdException exception = map(7, 403, "etcdserver: permission denied");
		assertThat(exception.getMessage()).contains("kv/put", "'/secret/key'", "http://127.0.0.1:2379", "HTTP 403",
				"PERMISSION_DENIED", "etcdserver: permission denied");
		assertThat(exception.key()).isEqualTo("/secret/key");
	}

	@Test
	void tellsWhichFailuresAreSafeToRetry() {
		assertThat(GatewayErrors.rejectedBeforeApply(details(14, 503, "etcdserver: no leader"))).isTrue();
		assertThat(GatewayErrors.rejectedBeforeApply(details(14, 503, "etcdserver: request timed out"))).isFalse();
		assertThat(GatewayErrors.transientForReads(details(14, 503, "etcdserver: request timed out"))).isTrue();
		assertThat(GatewayErrors.transientForReads(details(7, 403, "etcdserver: permission denied"))).isFalse();
		assertThat(GatewayErrors.staleToken(details(16, 401, "etcdserver: invalid auth token"))).isTrue();
		assertThat(GatewayErrors.staleToken(details(3, 400, "etcdserver: revision of auth store is old"))).isTrue();
	}

	private static EtcdException map(int code, int http, String message) {
		return GatewayErrors.toException(details(code, http, message));
	}

	private static EtcdErrorDetails details(int code, int http, String message) {
		return new EtcdErrorDetails("kv/put", "http://127.0.0.1:2379", "/secret/key", GrpcStatus.of(code), http,
				message);
	}

	private static GatewayError parse(String body) {
		return GatewayError.parse(body.getBytes(StandardCharsets.UTF_8));
	}

}
