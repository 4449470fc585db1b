package dev.etcdboot.autoconfigure.docker.compose;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdConnectionDetails;
import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.test.testcontainers.EnabledIfDockerAvailable;
import dev.etcdboot.test.testcontainers.EtcdContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link EtcdDockerComposeConnectionDetailsFactory}. Boot's Docker Compose
 * support needs Docker Compose v2, which this machine lacks; the services it would report
 * are described here directly, the first one backed by a real etcd container.
 */
class EtcdDockerComposeConnectionDetailsFactoryTests {

	private final EtcdDockerComposeConnectionDetailsFactory factory = new EtcdDockerComposeConnectionDetailsFactory();

	@Test
	@EnabledIfDockerAvailable
	void connectsTheClientToTheComposeService() {
		try (EtcdContainer etcd = new EtcdContainer()) {
			etcd.start();
			EtcdConnectionDetails details = this.factory
				.getConnectionDetails(source(service("gcr.io/etcd-development/etcd:v3.5.21", etcd.getHost(),
						etcd.getMappedPort(EtcdContainer.CLIENT_PORT), Map.of(), Map.of())));
			assertThat(details).isNotNull();
			assertThat(details.getEndpoints()).containsExactly(etcd.getEndpoint());
			assertThat(details.getUsername()).isNull();
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
				.withBean(EtcdConnectionDetails.class, () -> details)
				.run((context) -> {
					EtcdClient client = context.getBean(EtcdClient.class);
					client.kv().put("/compose/a", "1");
					assertThat(client.kv().get("/compose/a").kvs()).hasSize(1);
				});
		}
	}

	@Test
	@EnabledIfDockerAvailable
	void aServiceWithTlsAndAuthenticationIsReachedWithItsSslBundleAndRootCredentials() {
		try (EtcdContainer etcd = new EtcdContainer().withTls().withRootPassword("compose-Root-9")) {
			etcd.start();
			EtcdConnectionDetails details = this.factory
				.getConnectionDetails(source(service("bitnami/etcd:3.5", etcd.getHost(),
						etcd.getMappedPort(EtcdContainer.CLIENT_PORT), Map.of("ETCD_ROOT_PASSWORD", "compose-Root-9"),
						Map.of("org.springframework.boot.sslbundle.pem.truststore.certificate",
								"file:" + etcd.getTls().caCertificatePem()))));
			assertThat(details).isNotNull();
			assertThat(details.getEndpoints()).containsExactly(etcd.getEndpoint());
			assertThat(details.getSslBundle()).isNotNull();
			assertThat(details.getUsername()).isEqualTo("root");
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class))
				.withBean(EtcdConnectionDetails.class, () -> details)
				.run((context) -> {
					EtcdClient client = context.getBean(EtcdClient.class);
					client.kv().put("/compose/secured", "1");
					assertThat(client.kv().get("/compose/secured").kvs()).hasSize(1);
					assertThat(client.auth().isEnabled()).isTrue();
				});
		}
	}

	@Test
	void acceptsEtcdImagesAndTheConnectionNameLabel() {
		assertThat(this.factory.getConnectionDetails(
				source(service("quay.io/coreos/etcd:v3.5.21", "localhost", 32000, Map.of(), Map.of()))))
			.isNotNull();
		assertThat(this.factory
			.getConnectionDetails(source(service("bitnami/etcd:3.5", "localhost", 32000, Map.of(), Map.of()))))
			.isNotNull();
		assertThat(this.factory.getConnectionDetails(source(service("local/etcd:3.4", "localhost", 32000, Map.of(),
				Map.of("org.springframework.boot.service-connection", "etcd")))))
			.isNotNull();
		assertThat(
				this.factory.getConnectionDetails(source(service("redis:7", "localhost", 32000, Map.of(), Map.of()))))
			.isNull();
	}

	@Test
	void bitnamiRootPasswordBecomesRootCredentials() {
		EtcdConnectionDetails details = this.factory.getConnectionDetails(source(
				service("bitnami/etcd:3.5", "127.0.0.1", 32001, Map.of("ETCD_ROOT_PASSWORD", "rootpw"), Map.of())));
		assertThat(details).isNotNull();
		assertThat(details.getEndpoints()).containsExactly("http://127.0.0.1:32001");
		assertThat(details.getUsername()).isEqualTo("root");
		assertThat(details.getPassword()).isEqualTo("rootpw");
	}

	private static DockerComposeConnectionSource source(RunningService service) {
		DockerComposeConnectionSource source = mock(DockerComposeConnectionSource.class);
		given(source.getRunningService()).willReturn(service);
		given(source.getEnvironment()).willReturn(new MockEnvironment());
		return source;
	}

	private static RunningService service(String image, String host, int clientPort, Map<String, String> env,
			Map<String, String> labels) {
		ConnectionPorts ports = mock(ConnectionPorts.class);
		given(ports.get(2379)).willReturn(clientPort);
		Map<String, @Nullable String> environment = new HashMap<>(env);
		return new RunningService() {

			@Override
			public String name() {
				return "etcd";
			}

			@Override
			public ImageReference image() {
				return ImageReference.of(image);
			}

			@Override
			public String host() {
				return host;
			}

			@Override
			public ConnectionPorts ports() {
				return ports;
			}

			@Override
			public Map<String, @Nullable String> env() {
				return environment;
			}

			@Override
			public Map<String, String> labels() {
				return labels;
			}

		};
	}

}
