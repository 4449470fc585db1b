package dev.etcdboot.client.security;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdTls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TLS with a private CA and client certificates (mTLS) against a real etcd that requires
 * them.
 */
class TlsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().tls(true).clientCertAuth(true).build();

	@Test
	void talksToEtcdOverMutualTls() {
		assertThat(etcd.endpoints()).allSatisfy((endpoint) -> assertThat(endpoint).startsWith("https://"));
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.sslContext(etcd.tls().sslContext(true))
			.build()) {
			client.kv().put("/tls", "secure");
			assertThat(client.kv().get("/tls").first().orElseThrow().valueAsString()).isEqualTo("secure");
		}
	}

	@Test
	void failsClearlyWithoutAClientCertificate() {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.sslContext(etcd.tls().sslContext(false))
			.build()) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/tls"))
				.withMessageContaining(etcd.endpoints().get(0));
		}
	}

	@Test
	void failsClearlyWhenTheServerIsSignedByAnotherCa(@TempDir Path otherDirectory) {
		EtcdTls otherCa = EtcdTls.generate(otherDirectory);
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(etcd.endpoints())
			.sslContext(otherCa.sslContext(true))
			.build()) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/tls"))
				.withMessageContaining("TLS handshake")
				.withMessageContaining(etcd.endpoints().get(0));
		}
	}

	@Test
	void failsClearlyWithThePlatformTrustStore() {
		try (EtcdClient client = EtcdClient.builder().endpoints(etcd.endpoints()).build()) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/tls"))
				.withMessageContaining("TLS handshake");
		}
	}

}
