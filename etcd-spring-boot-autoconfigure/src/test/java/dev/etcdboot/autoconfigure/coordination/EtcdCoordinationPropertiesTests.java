package dev.etcdboot.autoconfigure.coordination;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;
import dev.etcdboot.autoconfigure.EtcdCoordinationAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code etcd.lock.*} and {@code etcd.leader.*} property with a value that cannot work fails start-up,
 * naming the property.
 */
class EtcdCoordinationPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdCoordinationAutoConfiguration.class))
		.withPropertyValues("etcd.endpoints=http://127.0.0.1:9", "etcd.leader.enabled=true");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "etcd.lock.prefix=|etcd.lock.prefix", "etcd.lock.ttl=1s|etcd.lock.ttl",
			"etcd.lock.ttl=2500ms|etcd.lock.ttl", "etcd.leader.role= |etcd.leader.role",
			"etcd.leader.prefix=|etcd.leader.prefix", "etcd.leader.ttl=0s|etcd.leader.ttl",
			"etcd.leader.ttl=1500ms|etcd.leader.ttl", "etcd.leader.candidate= |etcd.leader.candidate" })
	void invalidValueFailsStartupNamingTheProperty(String setting, String property) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("for property '" + property + "'");
		});
	}

}
