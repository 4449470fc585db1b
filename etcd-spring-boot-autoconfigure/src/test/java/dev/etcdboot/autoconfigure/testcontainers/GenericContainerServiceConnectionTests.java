package dev.etcdboot.autoconfigure.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.testcontainers.EnabledIfDockerAvailable;
import dev.etcdboot.test.testcontainers.EtcdContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a container of another type is accepted by the connection name {@code etcd}.
 */
@EnabledIfDockerAvailable
@Testcontainers
@SpringBootTest(classes = GenericContainerServiceConnectionTests.Application.class)
class GenericContainerServiceConnectionTests {

	@Container
	@ServiceConnection(name = "etcd")
	static final GenericContainer<?> etcd = new EtcdContainer();

	@Autowired
	private EtcdClient client;

	@Test
	void connectsByConnectionName() {
		assertThat(this.client.endpoints()).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint.uri().getPort()).isEqualTo(etcd.getMappedPort(2379)));
		assertThat(this.client.maintenance().status().version()).isNotEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Application {

	}

}
