package dev.etcdboot.test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Objects;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TlsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().tls(true).clientCertAuth(true).build();

	@Test
	void servesHttps() {
		assertThat(etcd.endpoints()).singleElement().asString().matches("https://127\\.0\\.0\\.1:\\d+");
		assertThat(etcd.cluster().tls()).isSameAs(etcd.tls());
	}

	@Test
	void requestWithClientCertificateSucceeds() throws Exception {
		TestHttp http = new TestHttp(tls().sslContext(true));
		assertThat(http.put(etcd.endpointsAsString(), "/secure", "yes", null).statusCode()).isEqualTo(200);
		HttpResponse<String> range = http.get(etcd.endpointsAsString(), "/secure", null);
		assertThat(range.statusCode()).isEqualTo(200);
		assertThat(range.body()).contains(TestHttp.b64("yes"));
	}

	@Test
	void requestWithoutClientCertificateFails() {
		TestHttp http = new TestHttp(tls().sslContext(false));
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> http.put(etcd.endpointsAsString(), "/secure", "no", null));
	}

	@Test
	void anotherClientCertificateOfTheSameCaIsAccepted() throws Exception {
		TestHttp http = new TestHttp(tls().sslContext(tls().clientCertificate("alice")));
		assertThat(http.get(etcd.endpointsAsString(), "/anything", null).statusCode()).isEqualTo(200);
	}

	@Test
	void serverOfAnotherCaIsNotTrusted(@TempDir Path directory) {
		EtcdTls unrelated = EtcdTls.generate(directory);
		TestHttp http = new TestHttp(unrelated.sslContext(true));
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> http.get(etcd.endpointsAsString(), "/anything", null));
	}

	private static EtcdTls tls() {
		return Objects.requireNonNull(etcd.tls());
	}

}
