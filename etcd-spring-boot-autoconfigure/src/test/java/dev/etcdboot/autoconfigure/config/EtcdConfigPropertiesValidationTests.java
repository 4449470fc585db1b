package dev.etcdboot.autoconfigure.config;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.io.ClassPathResource;

import dev.etcdboot.autoconfigure.InvalidEtcdPropertyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Tests that each {@code etcd.config.*} property with a wrong value fails start-up naming
 * the property, before anything is read from etcd.
 */
class EtcdConfigPropertiesValidationTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "etcd.config.prefix|config|etcd.config.prefix",
			"etcd.config.prefix|/config//orders|etcd.config.prefix",
			"spring.config.import|etcd:custom/|spring.config.import",
			"etcd.config.default-context|''|etcd.config.default-context",
			"etcd.config.default-context|shared/app|etcd.config.default-context",
			"etcd.config.profile-separator|''|etcd.config.profile-separator",
			"etcd.config.profile-separator|/|etcd.config.profile-separator", "etcd.config.layout|''|etcd.config.layout",
			"etcd.config.document.extensions|''|etcd.config.document.extensions",
			"etcd.config.document.extensions|yaml,ini|etcd.config.document.extensions[1]",
			"etcd.config.retry.max-attempts|0|etcd.config.retry.max-attempts",
			"etcd.config.retry.initial-interval|-1s|etcd.config.retry.initial-interval",
			"etcd.config.retry.max-interval|-1s|etcd.config.retry.max-interval",
			"etcd.config.retry.max-interval|100ms|etcd.config.retry.max-interval" })
	void aWrongValueFailsStartUpNamingTheProperty(String property, String value, String reported) {
		String importLocation = property.equals("spring.config.import") ? value : "etcd:";
		assertThatException()
			.isThrownBy(() -> ConfigApplications.run("spring.config.import=" + importLocation,
					"etcd.endpoints=http://127.0.0.1:1", property + "=" + value))
			.isInstanceOfSatisfying(InvalidEtcdPropertyException.class,
					(ex) -> assertThat(ex.getProperty()).isEqualTo(reported));
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', value = { "etcd.config.watch.enabled|maybe", "etcd.config.layout|trees",
			"etcd.config.retry.max-attempts|many", "etcd.config.retry.initial-interval|soon" })
	void aValueOfTheWrongTypeFailsStartUpNamingTheProperty(String property, String value) {
		assertThatException()
			.isThrownBy(() -> ConfigApplications.run("spring.config.import=etcd:", "etcd.endpoints=http://127.0.0.1:1",
					property + "=" + value))
			.isInstanceOfSatisfying(BindException.class,
					(ex) -> assertThat(ex.getName().toString()).isEqualTo(property));
	}

	@Test
	void everyConfigPropertyHasACase() throws IOException {
		Set<String> properties = new TreeSet<>();
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			JsonMapper.shared()
				.readTree(metadata)
				.path("properties")
				.forEach((property) -> properties.add(property.path("name").asString()));
		}
		properties.removeIf((name) -> !name.startsWith("etcd.config."));
		Set<String> cases = new TreeSet<>();
		for (Method method : getClass().getDeclaredMethods()) {
			CsvSource source = method.getAnnotation(CsvSource.class);
			if (source != null) {
				Arrays.stream(source.value()).map((row) -> row.substring(0, row.indexOf('|'))).forEach(cases::add);
			}
		}
		assertThat(cases).containsAll(properties);
	}

}
