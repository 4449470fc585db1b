package dev.etcdboot.client.security;

import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.test.EtcdCluster;
import dev.etcdboot.test.EtcdTls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Host names are verified by default: a certificate from a trusted CA that names another
 * host is refused, unless verification is explicitly switched off. The certificate names
 * only 127.0.0.1; the client connects to the same member as {@code localhost}.
 */
class HostnameVerificationTests {

	@TempDir
	static Path directory;

	private static EtcdTls tls;

	private static EtcdCluster etcd;

	private static String endpoint;

	@BeforeAll
	static void startEtcdWithACertificateForAnotherHost() {
		tls = EtcdTls.generate(directory.resolve("tls"), "127.0.0.1");
		etcd = EtcdCluster.builder().tls(tls).start();
		endpoint = etcd.endpoints().get(0).replace("127.0.0.1", "localhost");
	}

	@AfterAll
	static void stopEtcd() {
		etcd.close();
	}

	@Test
	void refusesACertificateForAnotherHost() throws Exception {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(endpoint)
			.ssl(null, trust(tls.trustStore()), true)
			.build()) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("TLS handshake");
		}
		try (EtcdClient client = EtcdClient.builder().endpoints(endpoint).sslContext(tls.sslContext(false)).build()) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("TLS handshake");
		}
	}

	@Test
	void acceptsItOnlyWhenVerificationIsSwitchedOff() throws Exception {
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(endpoint)
			.ssl(null, trust(tls.trustStore()), false)
			.build()) {
			client.kv().put("/k", "v");
			assertThat(client.kv().get("/k").kvs()).hasSize(1);
		}
	}

	@Test
	void stillVerifiesTheChainWhenHostNamesAreNotChecked(@TempDir Path other) throws Exception {
		EtcdTls otherCa = EtcdTls.generate(other);
		try (EtcdClient client = EtcdClient.builder()
			.endpoints(endpoint)
			.ssl(null, trust(otherCa.trustStore()), false)
			.build()) {
			assertThatExceptionOfType(EtcdUnavailableException.class).isThrownBy(() -> client.kv().get("/k"))
				.withMessageContaining("TLS handshake");
		}
	}

	private static TrustManagerFactory trust(KeyStore trustStore) throws Exception {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trustStore);
		return factory;
	}

}
