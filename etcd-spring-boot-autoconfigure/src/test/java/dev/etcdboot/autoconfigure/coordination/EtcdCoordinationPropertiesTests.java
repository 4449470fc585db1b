package dev.etcdboot.autoconfigure.coordination;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdCoordinationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lease TTLs that are not whole seconds of at least 2 fail start-up, naming the property
 * (one case per property is in {@code EtcdPropertyValidationTests}).
 */
class EtcdCoordinationPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdCoordinationAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=http://127.0.0.1:9", "etcd.leader.enabled=true");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "etcd.lock.ttl=2500ms|etcd.lock.ttl",
			"etcd.leader.ttl=1500ms|etcd.leader.ttl", "etcd.leader.ttl=-3s|etcd.leader.ttl" })
	void invalidValueFailsStartupNamingTheProperty(String setting, String property) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("for property '" + property + "'");
		});
	}

}
