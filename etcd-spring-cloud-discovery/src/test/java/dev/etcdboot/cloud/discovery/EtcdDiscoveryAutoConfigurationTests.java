package dev.etcdboot.cloud.discovery;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.etcdboot.autoconfigure.EtcdAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the switches of the discovery auto-configuration (no etcd needed: nothing starts
 * when switched off).
 */
class EtcdDiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EtcdAutoConfiguration.class, EtcdDiscoveryAutoConfiguration.class,
				EtcdServiceRegistryAutoConfiguration.class));

	@Test
	void etcdDiscoveryEnabledFalseSwitchesEverythingOff() {
		this.runner.withPropertyValues("etcd.discovery.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EtcdServiceCatalog.class)
				.doesNotHaveBean(EtcdDiscoveryClient.class)
				.doesNotHaveBean(EtcdServiceRegistry.class));
	}

	@Test
	void springCloudSwitchesAreHonoured() {
		this.runner
			.withPropertyValues("spring.cloud.discovery.enabled=false", "spring.cloud.service-registry.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(EtcdServiceCatalog.class)
				.doesNotHaveBean(EtcdServiceRegistry.class));
	}

}
