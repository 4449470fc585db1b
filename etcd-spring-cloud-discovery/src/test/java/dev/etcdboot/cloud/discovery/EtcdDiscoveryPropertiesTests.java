package dev.etcdboot.cloud.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every {@code etcd.discovery.*} property is validated when bound (a wrong
 * value fails the start-up, naming the property) and described in the configuration
 * metadata.
 */
class EtcdDiscoveryPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsBind() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			EtcdDiscoveryProperties properties = context.getBean(EtcdDiscoveryProperties.class);
			assertThat(properties.getPrefix()).isEqualTo("/services/");
			assertThat(properties.getTtl()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.isRegister()).isTrue();
			assertThat(properties.isDeregister()).isTrue();
			assertThat(properties.getPort()).isZero();
		});
	}

	@Test
	void validValuesBind() {
		this.runner
			.withPropertyValues("etcd.discovery.prefix=/registry/", "etcd.discovery.ttl=3s",
					"etcd.discovery.service-id=orders", "etcd.discovery.instance-id=orders-1",
					"etcd.discovery.hostname=10.0.0.7", "etcd.discovery.port=8443", "etcd.discovery.secure=true",
					"etcd.discovery.zone=eu-1", "etcd.discovery.metadata.version=2",
					"etcd.discovery.health-check-interval=2s", "etcd.discovery.retry-interval=500ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				EtcdDiscoveryProperties properties = context.getBean(EtcdDiscoveryProperties.class);
				assertThat(properties.getTtl()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getMetadata()).containsEntry("version", "2");
			});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			value = { "prefix|services/", "prefix|/services", "prefix|/", "ttl|500ms", "ttl|0s", "ttl|1500ms",
					"service-id|orders/v2", "service-id|' '", "instance-id|a/b", "instance-id|' '", "hostname|' '",
					"zone|' '", "port|-1", "port|65536", "health-check-interval|0s", "retry-interval|-1s" })
	void invalidValueFailsStartupNamingTheProperty(String property, String value) {
		this.runner.withPropertyValues("etcd.discovery." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("etcd.discovery." + property);
		});
	}

	@Test
	void blankMetadataKeyFailsStartup() {
		this.runner.withPropertyValues("etcd.discovery.metadata[ ]=x").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("etcd.discovery.metadata");
		});
	}

	@Test
	void everyPropertyIsDescribed() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			JsonMapper.shared()
				.readTree(metadata)
				.path("properties")
				.forEach((property) -> properties.put(property.path("name").asString(), property));
		}
		assertThat(properties).containsOnlyKeys("etcd.discovery.enabled", "etcd.discovery.prefix", "etcd.discovery.ttl",
				"etcd.discovery.register", "etcd.discovery.deregister", "etcd.discovery.service-id",
				"etcd.discovery.instance-id", "etcd.discovery.hostname", "etcd.discovery.prefer-ip-address",
				"etcd.discovery.port", "etcd.discovery.secure", "etcd.discovery.zone", "etcd.discovery.metadata",
				"etcd.discovery.include-down-instances", "etcd.discovery.health-status-enabled",
				"etcd.discovery.health-check-interval", "etcd.discovery.retry-interval",
				"management.health.etcd-discovery.enabled", "management.health.etcd-registration.enabled");
		assertThat(properties.values())
			.allSatisfy((property) -> assertThat(property.path("description").asString()).as(property.toString())
				.isNotBlank()
				.endsWith("."));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(EtcdDiscoveryProperties.class)
	static class PropertiesConfiguration {

	}

}
