package dev.etcdboot.test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EtcdTlsTests {

	@TempDir
	Path directory;

	@Test
	void writesPemFilesForEtcd() throws Exception {
		EtcdTls tls = EtcdTls.generate(this.directory);
		assertThat(tls.caCertificatePem()).content().startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(tls.serverCertificatePem()).content().startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(tls.serverKeyPem()).content().startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(tls.clientCertificatePem()).content().startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(tls.clientKeyPem()).content().startsWith("-----BEGIN PRIVATE KEY-----");
	}

	@Test
	void serverCertificateIsForLoopbackAndSignedByTheCa() throws Exception {
		EtcdTls tls = EtcdTls.generate(this.directory);
		X509Certificate server = read(tls.serverCertificatePem());
		assertThat(server.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(7, "127.0.0.1"),
				List.of(2, "localhost"));
		assertThat(server.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		server.verify(tls.caCertificate().getPublicKey());
		server.checkValidity();
	}

	@Test
	void defaultClientCertificateHasNoCommonName() throws Exception {
		EtcdTls tls = EtcdTls.generate(this.directory);
		X509Certificate client = read(tls.clientCertificatePem());
		assertThat(client.getSubjectX500Principal().getName()).isEqualTo(tls.client().subject())
			.doesNotContain("CN=")
			.contains("OU=client");
		assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
		client.verify(tls.caCertificate().getPublicKey());
	}

	@Test
	void extraClientCertificatesCarryTheirCommonName() throws Exception {
		EtcdTls tls = EtcdTls.generate(this.directory);
		EtcdTls.ClientCertificate alice = tls.clientCertificate("alice, the \"admin\"");
		assertThat(alice.subject()).isEqualTo(read(alice.certificatePem()).getSubjectX500Principal().getName())
			.startsWith("CN=alice\\, the");
		assertThat(alice.certificatePem()).hasParent(this.directory.resolve("clients/alice__the__admin_"));
		assertThat(alice.keyStore().getCertificateChain("client")).hasSize(2);
	}

	@Test
	void storesAreReadableWithTheStorePassword() throws Exception {
		EtcdTls tls = EtcdTls.generate(this.directory);
		KeyStore trustStore = load(tls.trustStorePath(), tls.storePassword());
		assertThat(trustStore.isCertificateEntry("ca")).isTrue();
		assertThat(trustStore.getCertificate("ca")).isEqualTo(tls.trustStore().getCertificate("ca"));
		KeyStore clientStore = load(tls.clientKeyStorePath(), tls.storePassword());
		assertThat(clientStore.getKey("client", tls.storePassword().toCharArray())).isNotNull();
		assertThat(tls.clientKeyStore().getCertificate("client")).isEqualTo(clientStore.getCertificate("client"));
		assertThat(tls.sslContext(true)).isNotNull();
	}

	@Test
	void everyGenerationHasItsOwnCa() throws Exception {
		EtcdTls first = EtcdTls.generate(this.directory.resolve("first"));
		EtcdTls second = EtcdTls.generate(this.directory.resolve("second"));
		assertThat(first.caCertificate().getSubjectX500Principal())
			.isNotEqualTo(second.caCertificate().getSubjectX500Principal());
		X509Certificate secondServer = read(second.serverCertificatePem());
		assertThatExceptionOfType(SignatureException.class)
			.isThrownBy(() -> secondServer.verify(first.caCertificate().getPublicKey()));
	}

	private static X509Certificate read(Path pem) throws Exception {
		try (InputStream in = Files.newInputStream(pem)) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	private static KeyStore load(Path file, String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			store.load(in, password.toCharArray());
		}
		return store;
	}

}
