package dev.etcdboot.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdConnectionDetails;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.test.testcontainers.EnabledIfDockerAvailable;
import dev.etcdboot.test.testcontainers.EtcdContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @ServiceConnection} to an etcd container set up like production, over TLS with
 * authentication: the connection details carry the container's CA as the SSL bundle and
 * root's credentials, and the auto-configured client works with them.
 */
@EnabledIfDockerAvailable
@Testcontainers
@SpringBootTest(classes = EtcdSecuredContainerServiceConnectionTests.Application.class,
		properties = "etcd.endpoints=http://127.0.0.1:1")
class EtcdSecuredContainerServiceConnectionTests {

	private static final String ROOT_PASSWORD = "container-Root-7";

	@Container
	@ServiceConnection
	static final EtcdContainer etcd = new EtcdContainer().withTls().withRootPassword(ROOT_PASSWORD);

	@Autowired
	private EtcdConnectionDetails connectionDetails;

	@Autowired
	private EtcdClient client;

	@Test
	void connectionDetailsCarryTheCaAndRootsCredentials() {
		assertThat(etcd.getEndpoint()).startsWith("https://");
		assertThat(this.connectionDetails.getEndpoints()).containsExactly(etcd.getEndpoint());
		assertThat(this.connectionDetails.getSslBundle()).isNotNull();
		assertThat(this.connectionDetails.getUsername()).isEqualTo("root");
		assertThat(this.connectionDetails.getPassword()).isEqualTo(ROOT_PASSWORD);
		assertThat(this.connectionDetails.toString()).doesNotContain(ROOT_PASSWORD);
	}

	@Test
	void theAutoConfiguredClientWritesOverTlsAsRoot() {
		this.client.kv().put("/secured/a", "over tls");
		assertThat(this.client.kv().get("/secured/a").first().orElseThrow().valueAsString()).isEqualTo("over tls");
		assertThat(this.client.auth().isEnabled()).isTrue();
	}

	@Test
	void aClientWithoutCredentialsIsRefused() {
		try (EtcdClient anonymous = EtcdClient.builder()
			.endpoints(etcd.getEndpoint())
			.sslContext(etcd.getTls().sslContext(false))
			.build()) {
			assertThatExceptionOfType(EtcdException.class).isThrownBy(() -> anonymous.kv().get("/secured/a"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Application {

	}

}
