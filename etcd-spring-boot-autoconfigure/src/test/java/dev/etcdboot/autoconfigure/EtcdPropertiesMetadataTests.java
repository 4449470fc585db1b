package dev.etcdboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the configuration metadata that IDEs show: every property is described, with its
 * default.
 */
class EtcdPropertiesMetadataTests {

	@Test
	void everyPropertyIsDescribedWithItsDefault() throws IOException {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			JsonMapper.shared()
				.readTree(metadata)
				.path("properties")
				.forEach((property) -> properties.put(property.path("name").asString(), property));
		}
		assertThat(properties).containsOnlyKeys("etcd.endpoints", "etcd.username", "etcd.password", "etcd.namespace",
				"etcd.connect-timeout", "etcd.request-timeout", "etcd.call-timeout", "etcd.retry.max-attempts",
				"etcd.retry.initial-backoff", "etcd.retry.max-backoff", "etcd.ssl.bundle", "etcd.watch.prefixes",
				"etcd.watch.keys", "etcd.watch.buffer-size", "etcd.cache.prefixes", "etcd.health.timeout",
				"etcd.observations.include-keys", "management.health.etcd.enabled", "etcd.lock.prefix", "etcd.lock.ttl",
				"etcd.leader.enabled", "etcd.leader.role", "etcd.leader.prefix", "etcd.leader.ttl",
				"etcd.leader.candidate", "management.health.etcd-leader.enabled", "etcd.config.prefix",
				"etcd.config.default-context", "etcd.config.profile-separator", "etcd.config.layout",
				"etcd.config.document.extensions", "etcd.config.retry.max-attempts",
				"etcd.config.retry.initial-interval", "etcd.config.retry.max-interval", "etcd.config.watch.enabled");
		assertThat(properties.values())
			.allSatisfy((property) -> assertThat(property.path("description").asString()).as(property.toString())
				.isNotBlank()
				.endsWith("."));
		Map<String, String> defaults = new LinkedHashMap<>();
		properties.forEach((name, property) -> {
			if (property.has("defaultValue")) {
				defaults.put(name, property.path("defaultValue").toString());
			}
		});
		assertThat(defaults).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
				Map.entry("etcd.endpoints", "[\"http://localhost:2379\"]"), Map.entry("etcd.namespace", "\"\""),
				Map.entry("etcd.connect-timeout", "\"3s\""), Map.entry("etcd.request-timeout", "\"5s\""),
				Map.entry("etcd.call-timeout", "\"15s\""), Map.entry("etcd.retry.max-attempts", "8"),
				Map.entry("etcd.retry.initial-backoff", "\"50ms\""), Map.entry("etcd.retry.max-backoff", "\"1s\""),
				Map.entry("etcd.watch.buffer-size", "10000"), Map.entry("etcd.health.timeout", "\"2s\""),
				Map.entry("etcd.observations.include-keys", "false"),
				Map.entry("management.health.etcd.enabled", "true"), Map.entry("etcd.lock.prefix", "\"/locks/\""),
				Map.entry("etcd.lock.ttl", "\"10s\""), Map.entry("etcd.leader.enabled", "false"),
				Map.entry("etcd.leader.role", "\"leader\""), Map.entry("etcd.leader.prefix", "\"/leaders/\""),
				Map.entry("etcd.leader.ttl", "\"10s\""), Map.entry("management.health.etcd-leader.enabled", "true"),
				Map.entry("etcd.config.prefix", "\"/config\""),
				Map.entry("etcd.config.default-context", "\"application\""),
				Map.entry("etcd.config.profile-separator", "\",\""),
				Map.entry("etcd.config.layout", "[\"keys\",\"document\"]"),
				Map.entry("etcd.config.document.extensions", "[\"properties\",\"yml\",\"yaml\"]"),
				Map.entry("etcd.config.retry.max-attempts", "6"),
				Map.entry("etcd.config.retry.initial-interval", "\"1s\""),
				Map.entry("etcd.config.retry.max-interval", "\"5s\""), Map.entry("etcd.config.watch.enabled", "true")));
	}

}
