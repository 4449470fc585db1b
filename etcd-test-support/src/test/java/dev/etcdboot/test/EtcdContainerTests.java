package dev.etcdboot.test;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.etcdboot.test.testcontainers.EnabledIfDockerAvailable;
import dev.etcdboot.test.testcontainers.EtcdContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EtcdContainer} on a real Docker engine, with the image the build
 * configures.
 */
@EnabledIfDockerAvailable
class EtcdContainerTests {

	@Test
	void servesClientsOnTheMappedPort() throws Exception {
		try (EtcdContainer etcd = new EtcdContainer()) {
			etcd.start();
			assertThat(etcd.getEndpoint()).startsWith("http://").endsWith(":" + etcd.getMappedPort(2379));
			TestHttp http = new TestHttp();
			assertThat(http.health(etcd.getEndpoint(), Duration.ofSeconds(2)).body()).contains("\"health\":\"true\"");
			assertThat(http.put(etcd.getEndpoint(), "/container/a", "1", null).statusCode()).isEqualTo(200);
			HttpResponse<String> status = http.post(etcd.getEndpoint(), "/v3/maintenance/status", "{}");
			assertThat(status.body()).contains("\"version\":\"");
		}
	}

	@Test
	void usesTheConfiguredLocalImageWithoutPulling() {
		String local = EtcdContainer.localImage();
		assertThat(local).as("the build sets " + EtcdContainer.LOCAL_IMAGE_PROPERTY).isNotNull();
		try (EtcdContainer etcd = new EtcdContainer()) {
			assertThat(etcd.getDockerImageName()).isEqualTo(local);
		}
	}

}
