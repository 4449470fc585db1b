package dev.etcdboot.autoconfigure.config;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import dev.etcdboot.autoconfigure.config.ConfigApplications.DemoProperties;
import dev.etcdboot.test.EtcdExtension;
import dev.etcdboot.test.EtcdTls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests that {@code spring.config.import=etcd:} connects to an etcd that requires client
 * certificates with the SSL bundle of {@code etcd.ssl.bundle}, from PEM files or a key
 * store, bound before any bean exists.
 */
class EtcdConfigTlsTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().clientCertAuth(true).build();

	@Test
	void importsAndFollowsWithAPemBundle() {
		EtcdTls tls = tls();
		assertImportsAndFollows("spring.ssl.bundle.pem.etcd.truststore.certificate=file:" + tls.caCertificatePem(),
				"spring.ssl.bundle.pem.etcd.keystore.certificate=file:" + tls.clientCertificatePem(),
				"spring.ssl.bundle.pem.etcd.keystore.private-key=file:" + tls.clientKeyPem());
	}

	@Test
	void importsAndFollowsWithAKeyStoreBundle() {
		EtcdTls tls = tls();
		assertImportsAndFollows("spring.ssl.bundle.jks.etcd.truststore.location=file:" + tls.trustStorePath(),
				"spring.ssl.bundle.jks.etcd.truststore.password=" + tls.storePassword(),
				"spring.ssl.bundle.jks.etcd.truststore.type=PKCS12",
				"spring.ssl.bundle.jks.etcd.keystore.location=file:" + tls.clientKeyStorePath(),
				"spring.ssl.bundle.jks.etcd.keystore.password=" + tls.storePassword(),
				"spring.ssl.bundle.jks.etcd.keystore.type=PKCS12");
	}

	@Test
	void failsWithoutTheBundle() {
		assertThatExceptionOfType(EtcdConfigUnavailableException.class).isThrownBy(
				() -> ConfigApplications.run("spring.config.import=etcd:", "etcd.endpoints=" + etcd.endpointsAsString(),
						"etcd.retry.max-attempts=1", "etcd.config.retry.max-attempts=1"))
			.withMessageContaining(etcd.endpoints().get(0));
	}

	private void assertImportsAndFollows(String... bundle) {
		String[] properties = new String[bundle.length + 3];
		properties[0] = "spring.config.import=etcd:";
		properties[1] = "etcd.endpoints=" + etcd.endpointsAsString();
		properties[2] = "etcd.ssl.bundle=etcd";
		System.arraycopy(bundle, 0, properties, 3, bundle.length);
		try (ConfigurableApplicationContext context = ConfigApplications.run(properties)) {
			assertThat(context.getEnvironment().getPropertySources().contains("etcd:/config/application/")).isTrue();
			context.getBean(EtcdConfigImports.class).client().kv().put("/config/application/demo/message", "over TLS");
			DemoProperties demo = context.getBean(DemoProperties.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> demo.getMessage().equals("over TLS"));
		}
	}

	private static EtcdTls tls() {
		EtcdTls tls = etcd.tls();
		assertThat(tls).isNotNull();
		return tls;
	}

}
