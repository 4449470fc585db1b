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
import dev.etcdboot.test.testcontainers.EnabledIfDockerAvailable;
import dev.etcdboot.test.testcontainers.EtcdContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@code @ServiceConnection EtcdContainer} connects the auto-configured client
 * to the container.
 */
@EnabledIfDockerAvailable
@Testcontainers
@SpringBootTest(classes = EtcdContainerServiceConnectionTests.Application.class,
		properties = "etcd.endpoints=http://127.0.0.1:1")
class EtcdContainerServiceConnectionTests {

	@Container
	@ServiceConnection
	static final EtcdContainer etcd = new EtcdContainer();

	@Autowired
	private EtcdConnectionDetails connectionDetails;

	@Autowired
	private EtcdClient client;

	@Test
	void connectsToTheContainerInsteadOfTheProperties() {
		assertThat(this.connectionDetails)
			.isInstanceOf(EtcdContainerConnectionDetailsFactory.EtcdContainerConnectionDetails.class);
		assertThat(this.connectionDetails.getEndpoints()).containsExactly(etcd.getEndpoint());
		this.client.kv().put("/service-connection/a", "from a container");
		assertThat(this.client.kv().get("/service-connection/a").kvs()).singleElement()
			.satisfies((kv) -> assertThat(kv.valueAsString()).isEqualTo("from a container"));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(EtcdAutoConfiguration.class)
	static class Application {

	}

}
