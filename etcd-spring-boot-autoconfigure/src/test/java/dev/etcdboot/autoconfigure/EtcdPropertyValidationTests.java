package dev.etcdboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code etcd.*} property, one case each: a value the client cannot use fails
 * start-up with a message naming the property; the list of cases covers every property of
 * the configuration metadata.
 */
class EtcdPropertyValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(SslAutoConfiguration.class, EtcdAutoConfiguration.class, EtcdCoordinationAutoConfiguration.class));

	static Stream<Arguments> wrongValues() {
		return Stream.of(Arguments.of("etcd.endpoints", new String[] { "etcd.endpoints=127.0.0.1:2379" }),
				Arguments.of("etcd.username", new String[] { "etcd.username=alice" }),
				Arguments.of("etcd.password", new String[] { "etcd.password=secret" }),
				Arguments.of("etcd.namespace", new String[] { "etcd.namespace=app/" }),
				Arguments.of("etcd.connect-timeout", new String[] { "etcd.connect-timeout=-1s" }),
				Arguments.of("etcd.request-timeout", new String[] { "etcd.request-timeout=0s" }),
				Arguments.of("etcd.call-timeout", new String[] { "etcd.call-timeout=-5s" }),
				Arguments.of("etcd.retry.max-attempts", new String[] { "etcd.retry.max-attempts=0" }),
				Arguments.of("etcd.retry.initial-backoff", new String[] { "etcd.retry.initial-backoff=-1ms" }),
				Arguments.of("etcd.retry.max-backoff", new String[] { "etcd.retry.max-backoff=10ms" }),
				Arguments.of("etcd.ssl.bundle",
						new String[] { "etcd.endpoints=https://127.0.0.1:2379", "etcd.ssl.bundle=missing" }),
				Arguments.of("etcd.watch.prefixes", new String[] { "etcd.watch.prefixes[0]=" }),
				Arguments.of("etcd.watch.keys", new String[] { "etcd.watch.keys[0]=" }),
				Arguments.of("etcd.watch.buffer-size", new String[] { "etcd.watch.buffer-size=0" }),
				Arguments.of("etcd.cache.prefixes",
						new String[] { "etcd.cache.prefixes[0]=/a/", "etcd.cache.prefixes[1]=" }),
				Arguments.of("etcd.health.timeout", new String[] { "etcd.health.timeout=-1s" }),
				Arguments.of("etcd.observations.include-keys", new String[] { "etcd.observations.include-keys=maybe" }),
				Arguments.of("etcd.lock.prefix", new String[] { "etcd.lock.prefix=" }),
				Arguments.of("etcd.lock.ttl", new String[] { "etcd.lock.ttl=1s" }),
				Arguments.of("etcd.leader.enabled", new String[] { "etcd.leader.enabled=maybe" }),
				Arguments.of("etcd.leader.role", new String[] { "etcd.leader.enabled=true", "etcd.leader.role= " }),
				Arguments.of("etcd.leader.prefix", new String[] { "etcd.leader.enabled=true", "etcd.leader.prefix=" }),
				Arguments.of("etcd.leader.ttl", new String[] { "etcd.leader.enabled=true", "etcd.leader.ttl=0s" }),
				Arguments.of("etcd.leader.candidate",
						new String[] { "etcd.leader.enabled=true", "etcd.leader.candidate= " }));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongValues")
	void wrongValueFailsStartupNamingTheProperty(String property, String[] values) {
		this.runner.withPropertyValues(values).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("'" + property);
		});
	}

	@Test
	void healthTimeoutFailsWithAClearMessage() {
		this.runner.withPropertyValues("etcd.health.timeout=-1s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidEtcdPropertyException.class)
				.hasMessage("Invalid value 'PT-1S' for property 'etcd.health.timeout': A timeout must be positive."));
	}

	@Test
	void overlappingCachedPrefixesFailWithAClearMessage() {
		this.runner.withPropertyValues("etcd.cache.prefixes=/services/,/config/,/services/api/")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidEtcdPropertyException.class)
				.hasMessage("Invalid value '/services/api/' for property 'etcd.cache.prefixes[2]': It overlaps "
						+ "'etcd.cache.prefixes[0]' ('/services/'): a key may be under one cached prefix only."));
	}

	@Test
	void anEmptyCachedPrefixFailsWithAClearMessage() {
		this.runner.withPropertyValues("etcd.cache.prefixes[0]=/a/", "etcd.cache.prefixes[1]=")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidEtcdPropertyException.class)
				.hasMessageStartingWith("Invalid value '' for property 'etcd.cache.prefixes[1]': A cached prefix "
						+ "must not be empty."));
	}

	@Test
	void everyEtcdPropertyHasACase() throws IOException {
		Set<String> properties = new TreeSet<>();
		try (InputStream metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
			.getInputStream()) {
			JsonMapper.shared()
				.readTree(metadata)
				.path("properties")
				.forEach((property) -> properties.add(property.path("name").asString()));
		}
		// etcd.config.* is bound in the config-data phase, before any bean:
		// EtcdConfigPropertiesValidationTests
		properties.removeIf((name) -> !name.startsWith("etcd.") || name.startsWith("etcd.config."));
		assertThat(wrongValues().map((arguments) -> (String) arguments.get()[0]))
			.containsExactlyInAnyOrderElementsOf(properties);
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
