package dev.etcdboot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdTls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for TLS through {@code etcd.ssl.bundle} against a real etcd that requires client
 * certificates.
 */
class EtcdSslBundleTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().clientCertAuth(true).build();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, EtcdAutoConfiguration.class));

	@Test
	void connectsWithTheBundleThroughBootsRequestFactory() {
		this.runner.withPropertyValues(bundle()).run((context) -> {
			assertThat(context).hasSingleBean(RequestFactoryEtcdClientBuilderCustomizer.class);
			EtcdClient client = context.getBean(EtcdClient.class);
			client.kv().put("/tls/a", "secured");
			assertThat(client.kv().get("/tls/a").kvs()).singleElement()
				.satisfies((kv) -> assertThat(kv.valueAsString()).isEqualTo("secured"));
		});
	}

	@Test
	void connectsWithTheBundleWithoutBootsHttpClientModule() {
		this.runner.withClassLoader(new FilteredClassLoader(ClientHttpRequestFactoryBuilder.class))
			.withPropertyValues(bundle())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RequestFactoryEtcdClientBuilderCustomizer.class);
				assertThat(context.getBean(EtcdClient.class).maintenance().status().version()).isEqualTo("3.4.23");
			});
	}

	@Test
	void failsWithoutTheBundle() {
		this.runner.withPropertyValues("etcd.endpoints=" + etcd.endpointsAsString(), "etcd.retry.max-attempts=1")
			.run((context) -> assertThatExceptionOfType(EtcdUnavailableException.class)
				.isThrownBy(() -> context.getBean(EtcdClient.class).maintenance().status())
				.withMessageContaining("TLS"));
	}

	private static String[] bundle() {
		EtcdTls tls = etcd.tls();
		assertThat(tls).isNotNull();
		return new String[] { "etcd.endpoints=" + etcd.endpointsAsString(), "etcd.ssl.bundle=etcd",
				"spring.ssl.bundle.pem.etcd.truststore.certificate=file:" + tls.caCertificatePem(),
				"spring.ssl.bundle.pem.etcd.keystore.certificate=file:" + tls.clientCertificatePem(),
				"spring.ssl.bundle.pem.etcd.keystore.private-key=file:" + tls.clientKeyPem() };
	}

}
