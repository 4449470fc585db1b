package dev.etcdboot.cloud.discovery.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.etcdboot.client.EtcdClient;
import dev.etcdboot.cloud.discovery.EtcdDiscoveryAutoConfiguration;
import dev.etcdboot.cloud.discovery.EtcdDiscoveryProperties;
import dev.etcdboot.cloud.discovery.EtcdRegistration;
import dev.etcdboot.cloud.discovery.EtcdServiceCatalog;
import dev.etcdboot.cloud.discovery.EtcdServiceRegistry;
import dev.etcdboot.cloud.discovery.EtcdServiceRegistryAutoConfiguration;

/**
 * Auto-configuration of the health of etcd discovery: {@code etcdDiscovery} (the catalog
 * the discovery client reads) and {@code etcdRegistration} (this application's instance),
 * switched by {@code management.health.etcd-discovery.enabled} and
 * {@code management.health.etcd-registration.enabled}; and, with
 * {@code etcd.discovery.health-status-enabled=true}, the {@link EtcdHealthStatusUpdater}
 * that marks the instance down while the application's health is DOWN.
 */
@AutoConfiguration(after = { EtcdDiscoveryAutoConfiguration.class, EtcdServiceRegistryAutoConfiguration.class },
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration")
@ConditionalOnClass(ConditionalOnEnabledHealthIndicator.class)
public final class EtcdDiscoveryHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnBean(EtcdServiceCatalog.class)
	@ConditionalOnMissingBean(name = "etcdDiscoveryHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("etcd-discovery")
	EtcdDiscoveryHealthIndicator etcdDiscoveryHealthIndicator(EtcdServiceCatalog catalog) {
		return new EtcdDiscoveryHealthIndicator(catalog);
	}

	@Bean
	@ConditionalOnBean({ EtcdServiceRegistry.class, EtcdRegistration.class })
	@ConditionalOnMissingBean(name = "etcdRegistrationHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("etcd-registration")
	EtcdRegistrationHealthIndicator etcdRegistrationHealthIndicator(EtcdServiceRegistry registry,
			EtcdRegistration registration) {
		return new EtcdRegistrationHealthIndicator(registry, registration);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthEndpoint.class)
	@ConditionalOnBean({ HealthEndpoint.class, EtcdServiceRegistry.class, EtcdRegistration.class })
	@ConditionalOnBooleanProperty("etcd.discovery.health-status-enabled")
	static class HealthStatusConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EtcdHealthStatusUpdater etcdHealthStatusUpdater(HealthEndpoint healthEndpoint, EtcdServiceRegistry registry,
				EtcdRegistration registration, EtcdDiscoveryProperties properties, EtcdClient client) {
			return new EtcdHealthStatusUpdater(() -> healthEndpoint.health().getStatus(), registry, registration,
					properties.getHealthCheckInterval(), client.threads("etcd-discovery-health-status-"));
		}

	}

}
